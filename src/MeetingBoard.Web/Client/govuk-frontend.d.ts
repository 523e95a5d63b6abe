// GOV.UK Frontend 5 ships no type declarations; this is the little of it that main.ts uses.
declare module "govuk-frontend" {
  export function initAll(config?: {
    scope?: Document | Element | null;
    onError?: (error: unknown, context: unknown) => void;
  }): void;
}
