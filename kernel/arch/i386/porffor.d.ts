// Compiler intrinsics of porffor, for type checking only. Only code under
// kernel/arch/i386/ may use them (tools/check-subset.mjs enforces it).
declare const Porffor: {
  /** Pastes C into the generated function; TS locals are C variables (f64). */
  c(code: TemplateStringsArray, ...values: never[]): void;
};
