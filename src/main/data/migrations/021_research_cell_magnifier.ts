/**
 * An optimization run with the bar magnifier records per cell how its same-bar
 * stop-loss / take-profit cases were settled (SameBarCounts as JSON); NULL for cells
 * run without it, which is every cell before this migration.
 */
export const researchCellMagnifierSchemaV21 = `
ALTER TABLE research_cells ADD COLUMN magnifier_json TEXT;
`;
