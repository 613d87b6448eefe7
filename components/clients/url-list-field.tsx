import type { UseFormRegisterReturn } from "react-hook-form";
import { inputClass } from "@/components/ui/field";
import { fieldMessages, type FieldErrorLike } from "./client-field-messages";

/**
 * A list of URLs typed one per line. Every problem of every URL is listed on its own line
 * under the field (lib/validation/urls.ts names the URL in each message).
 */
export function UrlListField({
  id,
  label,
  hint,
  placeholder,
  registration,
  error,
}: {
  id: string;
  label: string;
  hint: string;
  placeholder: string;
  registration: UseFormRegisterReturn;
  error?: FieldErrorLike;
}) {
  const messages = fieldMessages(error);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        rows={3}
        spellCheck={false}
        autoComplete="off"
        placeholder={placeholder}
        className={`${inputClass} font-mono`}
        aria-invalid={!!messages}
        aria-describedby={messages ? `${id}-hint ${id}-errors` : `${id}-hint`}
        {...registration}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {hint} One URL per line.
      </p>
      {messages && (
        <ul id={`${id}-errors`} className="space-y-0.5 text-sm text-red-700">
          {messages.map((message) => (
            <li key={message} className="break-all">
              {message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
