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
  /** Shown under the input, which is marked invalid. */
  error?: string;
}

export function NumberInput({ label, value, onChange, min, max, step = 'any', title, testId, autoFocus, error }: NumberInputProps) {
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
        aria-label={label}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value === '' ? NaN : Number(e.target.value))}
      />
      <FieldError error={error} />
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
  error?: string;
}

export function SelectInput({ label, value, onChange, children, title, testId, autoFocus, error }: SelectInputProps) {
  return (
    <label className="field" title={title}>
      <span>{label}</span>
      <select value={value} data-testid={testId} autoFocus={autoFocus} aria-label={label} aria-invalid={error ? true : undefined} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
      <FieldError error={error} />
    </label>
  );
}

/** The message under a field at fault (nothing when it is fine). */
export function FieldError({ error }: { error: string | undefined }) {
  return error ? <span className="field-error" role="alert">{error}</span> : null;
}

/** One strategy parameter, typed by its schema (int/float, bool, enum). */
export function ParamInput({ spec, value, onChange, testIdPrefix, error }: { spec: ParamInfo; value: ParamValue; onChange(v: ParamValue): void; testIdPrefix: string; error?: string }) {
  if (spec.type === 'bool') {
    return (
      <label className="field field-check" title={spec.description}>
        <input type="checkbox" checked={Boolean(value)} aria-label={spec.name} onChange={(e) => onChange(e.target.checked)} data-testid={`${testIdPrefix}${spec.name}`} />
        <span>{spec.name}</span>
        <FieldError error={error} />
      </label>
    );
  }
  if (spec.type === 'enum') {
    return (
      <SelectInput label={spec.name} title={spec.description} value={String(value)} onChange={onChange} testId={`${testIdPrefix}${spec.name}`} error={error}>
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
      error={error}
    />
  );
}
