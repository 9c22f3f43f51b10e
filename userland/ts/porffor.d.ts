// Compiler intrinsics of porffor, for type checking the TypeScript user
// programs only (tsc -p userland/ts). porffor itself knows them.
declare const Porffor: {
  /**
   * Pastes C into the generated function. TS parameters and locals are C
   * variables of the same name (numbers are f64; `<name>jjtype` is a
   * value's type tag); return a value with a C `return`.
   */
  c(code: TemplateStringsArray, ...values: never[]): void;
};
