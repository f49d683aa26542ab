/** Small labelled inputs shared by the backtest form and the Live panel's forms. */
import type { ReactNode } from 'react';
import type { ParamValue } from '../../../shared/backtestTypes';
import type { ParamInfo } from '../../../shared/apiTypes';

interface NumberInputProps {
  label: string;
  value: number;
  onChange(v: number): void;
  min?: number;
  max?: number;
  step?: number | 'any';
  title?: string;
  testId?: string;
  autoFocus?: boolean;
}

export function NumberInput({ label, value, onChange, min, max, step = 'any', title, testId, autoFocus }: NumberInputProps) {
  return (
    <label className="field" title={title}>
      <span>{label}</span>
      <input
        type="number"
        value={Number.isFinite(value) ? value : ''}
        min={min}
        max={max}
        step={step}
        data-testid={testId}
        autoFocus={autoFocus}
        onChange={(e) => onChange(e.target.value === '' ? NaN : Number(e.target.value))}
      />
    </label>
  );
}

interface TextInputProps {
  label: string;
  value: string;
  onChange(v: string): void;
  placeholder?: string;
  title?: string;
  testId?: string;
  list?: string;
  autoFocus?: boolean;
}

export function TextInput({ label, value, onChange, placeholder, title, testId, list, autoFocus }: TextInputProps) {
  return (
    <label className="field" title={title}>
      <span>{label}</span>
      <input type="text" value={value} placeholder={placeholder} list={list} data-testid={testId} autoFocus={autoFocus} spellCheck={false} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

interface SelectInputProps {
  label: string;
  value: string;
  onChange(v: string): void;
  children: ReactNode;
  title?: string;
  testId?: string;
  autoFocus?: boolean;
}

export function SelectInput({ label, value, onChange, children, title, testId, autoFocus }: SelectInputProps) {
  return (
    <label className="field" title={title}>
      <span>{label}</span>
      <select value={value} data-testid={testId} autoFocus={autoFocus} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </label>
  );
}

/** One strategy parameter, typed by its schema (int/float, bool, enum). */
export function ParamInput({ spec, value, onChange, testIdPrefix }: { spec: ParamInfo; value: ParamValue; onChange(v: ParamValue): void; testIdPrefix: string }) {
  if (spec.type === 'bool') {
    return (
      <label className="field field-check" title={spec.description}>
        <input type="checkbox" checked={Boolean(value)} onChange={(e) => onChange(e.target.checked)} data-testid={`${testIdPrefix}${spec.name}`} />
        <span>{spec.name}</span>
      </label>
    );
  }
  if (spec.type === 'enum') {
    return (
      <SelectInput label={spec.name} title={spec.description} value={String(value)} onChange={onChange} testId={`${testIdPrefix}${spec.name}`}>
        {(spec.options ?? []).map((o) => (
          <option key={o}>{o}</option>
        ))}
      </SelectInput>
    );
  }
  return (
    <NumberInput
      label={spec.name}
      title={spec.description}
      value={Number(value)}
      min={spec.min}
      max={spec.max}
      step={spec.type === 'int' ? 1 : 'any'}
      onChange={onChange}
      testId={`${testIdPrefix}${spec.name}`}
    />
  );
}
