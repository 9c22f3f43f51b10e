const msg: string = "TS";
print(msg.charCodeAt(0)); printChar(32);
function first(s: string): number { return s.charCodeAt(1); }
print(first("ab")); printChar(32);
function pick(k: number): string { return k > 0 ? "xy" : "z"; }
const p: string = pick(1); print(p.charCodeAt(1)); printChar(32); print(p.length); printChar(32);
let u: string = "h\u00e9\u4e2d"; print(u.charCodeAt(2)); printChar(32); print(u.length); printChar(32);
const cat: string = msg + p; print(cat.length); printChar(32); print(cat === "TSxy" ? 1 : 0);
