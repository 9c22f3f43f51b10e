// VGA text-mode console: 80x25 cells of (attribute << 8 | character) at
// physical 0xB8000, with a hardware cursor.
import { outb, peek16, poke16 } from "../arch/i386/io";
import { KERNEL_BASE } from "../arch/i386/cpu";

const VGA_TEXT: number = KERNEL_BASE + 0xb8000;
export const VGA_COLUMNS: number = 80;
export const VGA_ROWS: number = 25;
const ATTRIBUTE: number = 0x07; // light grey on black
const CRTC_INDEX: number = 0x3d4;
const CRTC_DATA: number = 0x3d5;

let cursorRow: number = 0;
let cursorColumn: number = 0;

/** Writes one cell (character and attribute) at row, column. */
export const vgaPutCell = (row: number, column: number, cell: number): void => {
  poke16(VGA_TEXT + (row * VGA_COLUMNS + column) * 2, cell);
};

/** Reads one cell back. */
export const vgaCell = (row: number, column: number): number => {
  return peek16(VGA_TEXT + (row * VGA_COLUMNS + column) * 2);
};

const moveHardwareCursor = (): void => {
  const position: number = cursorRow * VGA_COLUMNS + cursorColumn;
  outb(CRTC_INDEX, 0x0f);
  outb(CRTC_DATA, position & 0xff);
  outb(CRTC_INDEX, 0x0e);
  outb(CRTC_DATA, (position >>> 8) & 0xff);
};

/** Blanks the screen and homes the cursor. */
export const vgaClear = (): void => {
  for (let row: number = 0; row < VGA_ROWS; row++) {
    for (let column: number = 0; column < VGA_COLUMNS; column++) vgaPutCell(row, column, (ATTRIBUTE << 8) | 0x20);
  }
  cursorRow = 0;
  cursorColumn = 0;
  moveHardwareCursor();
};

const scrollUp = (): void => {
  for (let row: number = 1; row < VGA_ROWS; row++) {
    for (let column: number = 0; column < VGA_COLUMNS; column++) vgaPutCell(row - 1, column, vgaCell(row, column));
  }
  for (let column: number = 0; column < VGA_COLUMNS; column++) vgaPutCell(VGA_ROWS - 1, column, (ATTRIBUTE << 8) | 0x20);
};

/** Writes a character at the cursor, handling newline, carriage return, backspace and scrolling. */
export const vgaPutChar = (c: number): void => {
  if (c === 10) {
    cursorColumn = 0;
    cursorRow++;
  } else if (c === 13) {
    cursorColumn = 0;
  } else if (c === 8) {
    if (cursorColumn > 0) cursorColumn--;
  } else {
    vgaPutCell(cursorRow, cursorColumn, (ATTRIBUTE << 8) | (c & 0xff));
    cursorColumn++;
    if (cursorColumn === VGA_COLUMNS) {
      cursorColumn = 0;
      cursorRow++;
    }
  }
  if (cursorRow === VGA_ROWS) {
    scrollUp();
    cursorRow = VGA_ROWS - 1;
  }
  moveHardwareCursor();
};
