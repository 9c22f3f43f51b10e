// The veil of unveil(2): each process's tree of unveiled paths, keyed by
// path component, whose nodes come from one fixed table (no allocation
// after boot). The state and tree are not protected data, as in the
// reference (only credentials and pledge state are). docs/vfs.md, "The
// veil", gives the rules the VFS applies with it.
//
// A node holds the permissions (UNVEIL_* bits) of its path and whether
// unveil named it explicitly; the deepest node on a path decides for it.
// Nodes a longer unveil adds on the way copy their parent's permissions.
import { EACCES, EINVAL, ENAMETOOLONG, ENOENT, ENOMEM, EPERM } from "../api/errno";
import { MAX_PROCESSES, VEIL_NODES } from "../lib/limits";
import { bytesAddress, copyBytes } from "../arch/i386/io";

export const VEIL_NONE: number = 0; // never unveiled: nothing is hidden
export const VEIL_DROPPED: number = 1; // unveiled: only the tree's paths are visible, more unveils allowed
export const VEIL_LOCKED: number = 2; // unveil(NULL, NULL): no more unveils

export const UNVEIL_READ: number = 1;
export const UNVEIL_WRITE: number = 2;
export const UNVEIL_EXECUTE: number = 4;
export const UNVEIL_CREATE: number = 8; // create or remove a name
export const UNVEIL_BROWSE: number = 16;
/** In a wanted set: UNVEIL_READ is also met by UNVEIL_BROWSE (opening a directory to list it). */
export const UNVEIL_READ_OR_BROWSE: number = 32;

/** A component name's slot in the table (a name longer than this cannot be unveiled). */
const NODE_NAME_BYTES: number = 64;

const nodeParent: Int32Array = new Int32Array(VEIL_NODES);
const nodeFirstChild: Int32Array = new Int32Array(VEIL_NODES);
const nodeNextSibling: Int32Array = new Int32Array(VEIL_NODES);
const nodeFreeNext: Int32Array = new Int32Array(VEIL_NODES);
const nodePermissions: Uint8Array = new Uint8Array(VEIL_NODES);
const nodeExplicit: Uint8Array = new Uint8Array(VEIL_NODES);
const nodeNameLength: Uint8Array = new Uint8Array(VEIL_NODES);
const nodeName: Uint8Array = new Uint8Array(VEIL_NODES * NODE_NAME_BYTES);
/** Old node -> its copy, while veilFork copies a tree. */
const copyOf: Int32Array = new Int32Array(VEIL_NODES);
let freeHead: number = -1; // released nodes, linked through nodeFreeNext
let neverUsed: number = 0; // nodes from here on were never handed out
let nodesFree: number = VEIL_NODES;

const veilState: Uint8Array = new Uint8Array(MAX_PROCESSES);
/** 1 when the process asked its locked veil to outlive its next exec (prctl PR_SET_KEEP_VEIL_AT_EXEC). */
const veilKeepAtExec: Uint8Array = new Uint8Array(MAX_PROCESSES);
/** Each process's tree root (the node of "/") plus one; 0 without a tree. */
const veilRootPlusOne: Uint16Array = new Uint16Array(MAX_PROCESSES);

export const veilStateOf = (process: number): number => process < 0 ? VEIL_NONE : veilState[process];
/** Nodes held by every process's tree (the leak check's count). */
export const veilNodesInUse = (): number => VEIL_NODES - nodesFree;

const rootOf = (process: number): number => veilRootPlusOne[process] - 1;

const nodeRelease = (node: number): void => {
  nodeFreeNext[node] = freeHead;
  freeHead = node;
  nodesFree++;
};

/** A free node; the caller checked nodesFree. */
const nodeTake = (): number => {
  nodesFree--;
  if (freeHead < 0) {
    neverUsed++;
    return neverUsed - 1;
  }
  const node: number = freeHead;
  freeHead = nodeFreeNext[node];
  return node;
};

/** A node named path[start..start+length) under parent with permissions; the caller checked nodesFree. */
const nodeAdd = (parent: number, path: Uint8Array, start: number, length: number, permissions: number, explicit: boolean): number => {
  const node: number = nodeTake();
  nodeParent[node] = parent;
  nodeFirstChild[node] = -1;
  nodeNextSibling[node] = -1;
  if (parent >= 0) {
    nodeNextSibling[node] = nodeFirstChild[parent];
    nodeFirstChild[parent] = node;
  }
  nodePermissions[node] = permissions;
  nodeExplicit[node] = explicit ? 1 : 0;
  nodeNameLength[node] = length;
  copyBytes(bytesAddress(nodeName) + node * NODE_NAME_BYTES, bytesAddress(path) + start, length);
  return node;
};

/**
 * The node after node in a preorder walk of the subtree top, or -1; with
 * skipChildren the walk does not go below node. Reads no free-list field,
 * so a walk may release the nodes it has passed.
 */
const nextInTree = (node: number, top: number, skipChildren: boolean): number => {
  if (!skipChildren && nodeFirstChild[node] >= 0) return nodeFirstChild[node];
  let at: number = node;
  while (at !== top) {
    if (nodeNextSibling[at] >= 0) return nodeNextSibling[at];
    at = nodeParent[at];
  }
  return -1;
};

/** The child of node named path[start..start+length), or -1. */
const childNamed = (node: number, path: Uint8Array, start: number, length: number): number => {
  for (let child: number = nodeFirstChild[node]; child >= 0; child = nodeNextSibling[child]) {
    if (nodeNameLength[child] === length && namesEqual(child, path, start, length)) return child;
  }
  return -1;
};

const namesEqual = (node: number, path: Uint8Array, start: number, length: number): boolean => {
  const base: number = node * NODE_NAME_BYTES;
  for (let i: number = 0; i < length; i++) {
    if (nodeName[base + i] !== path[start + i]) return false;
  }
  return true;
};

/** The end of the component of path (length bytes) that starts at start. */
const componentEnd = (path: Uint8Array, start: number, length: number): number => {
  let end: number = start;
  while (end < length && path[end] !== 47) end++;
  return end;
};

const skipSlashes = (path: Uint8Array, start: number, length: number): number => {
  let at: number = start;
  while (at < length && path[at] === 47) at++;
  return at;
};

let walkEnd: number = 0; // after deepestNode: where the first component without a node starts

/** The deepest node of process's tree on the canonical path[0..length) (walkEnd tells how far it got), or -1 without a tree. */
const deepestNode = (process: number, path: Uint8Array, length: number): number => {
  let node: number = rootOf(process);
  let at: number = skipSlashes(path, 0, length);
  while (node >= 0 && at < length) {
    const end: number = componentEnd(path, at, length);
    const child: number = childNamed(node, path, at, end - at);
    if (child < 0) break;
    node = child;
    at = skipSlashes(path, end, length);
  }
  walkEnd = at;
  return node;
};

/** The components of path[at..length). */
const componentsFrom = (path: Uint8Array, at: number, length: number): number => {
  let count: number = 0;
  for (let i: number = skipSlashes(path, at, length); i < length; i = skipSlashes(path, componentEnd(path, i, length), length)) count++;
  return count;
};

/** Gives node's descendants that unveil never named permissions, stopping at the named ones. */
const inheritBelow = (node: number, permissions: number): void => {
  let at: number = nextInTree(node, node, false);
  while (at >= 0) {
    const named: boolean = nodeExplicit[at] !== 0;
    if (!named) nodePermissions[at] = permissions;
    at = nextInTree(at, node, named);
  }
};

/**
 * Unveils the canonical absolute path[0..length) for process with
 * permissions (UNVEIL_* bits) and drops the veil. 0 or -errno: EPERM for
 * more than an explicit unveil of the same path gave, ENOMEM when the
 * table is full, ENAMETOOLONG for a component over the table's name slot.
 */
export const veilUnveil = (process: number, path: Uint8Array, length: number, permissions: number): number => {
  for (let i: number = skipSlashes(path, 0, length); i < length; i = skipSlashes(path, componentEnd(path, i, length), length)) {
    if (componentEnd(path, i, length) - i > NODE_NAME_BYTES) return -ENAMETOOLONG;
  }
  if (rootOf(process) < 0) {
    if (nodesFree < 1 + componentsFrom(path, 0, length)) return -ENOMEM;
    veilRootPlusOne[process] = nodeAdd(-1, path, 0, 0, 0, false) + 1;
  }
  let node: number = deepestNode(process, path, length);
  let at: number = walkEnd;
  if (at >= length) {
    if (nodeExplicit[node] !== 0 && (permissions & ~nodePermissions[node]) !== 0) return -EPERM;
    inheritBelow(node, permissions);
  } else {
    if (nodesFree < componentsFrom(path, at, length)) return -ENOMEM;
    while (at < length) {
      const end: number = componentEnd(path, at, length);
      node = nodeAdd(node, path, at, end - at, nodePermissions[node], false);
      at = skipSlashes(path, end, length);
    }
  }
  nodePermissions[node] = permissions;
  nodeExplicit[node] = 1;
  veilState[process] = VEIL_DROPPED;
  return 0;
};

/** unveil(NULL, NULL): no more unveils; a process that never unveiled sees nothing. */
export const veilLock = (process: number): void => {
  veilState[process] = VEIL_LOCKED;
};

/**
 * Checks the canonical absolute path[0..length) against process's veil
 * for the wanted UNVEIL_* bits: 0, -ENOENT when the veil hides the path,
 * -EACCES when it shows it without a wanted bit.
 */
export const veilCheck = (process: number, path: Uint8Array, length: number, want: number): number => {
  if (veilStateOf(process) === VEIL_NONE) return 0;
  const node: number = deepestNode(process, path, length);
  const granted: number = node < 0 ? 0 : nodePermissions[node];
  if (granted === 0) return -ENOENT;
  let missing: number = want & ~granted & ~UNVEIL_READ_OR_BROWSE;
  if ((want & UNVEIL_READ_OR_BROWSE) !== 0 && (granted & UNVEIL_BROWSE) !== 0) missing &= ~UNVEIL_READ;
  return missing === 0 ? 0 : -EACCES;
};

/**
 * Makes process's veil outlive its next exec (keep) or not: the program it
 * runs is confined as it was. Only a locked veil (the new program cannot
 * widen it): else -EINVAL.
 */
export const veilSetKeepAtExec = (process: number, keep: boolean): number => {
  if (keep && veilState[process] !== VEIL_LOCKED) return -EINVAL;
  veilKeepAtExec[process] = keep ? 1 : 0;
  return 0;
};

/** A successful exec: the veil is lifted, as the reference's exec does, unless the process asked to keep it this once. */
export const veilExec = (process: number): void => {
  if (veilKeepAtExec[process] === 0) veilRelease(process);
  veilKeepAtExec[process] = 0;
};

/** Gives child (a new process) a copy of parent's veil. False when the table cannot hold it. */
export const veilFork = (parent: number, child: number): boolean => {
  veilState[child] = veilState[parent];
  veilKeepAtExec[child] = veilKeepAtExec[parent];
  veilRootPlusOne[child] = 0;
  const top: number = rootOf(parent);
  if (top < 0) return true;
  let count: number = 0;
  for (let node: number = top; node >= 0; node = nextInTree(node, top, false)) count++;
  if (count > nodesFree) {
    veilState[child] = VEIL_NONE;
    veilKeepAtExec[child] = 0;
    return false;
  }
  for (let node: number = top; node >= 0; node = nextInTree(node, top, false)) {
    const parentCopy: number = node === top ? -1 : copyOf[nodeParent[node]];
    const copy: number = nodeAdd(parentCopy, nodeName, node * NODE_NAME_BYTES, nodeNameLength[node], nodePermissions[node], nodeExplicit[node] !== 0);
    copyOf[node] = copy;
  }
  veilRootPlusOne[child] = copyOf[top] + 1;
  return true;
};

/** Gives back process's tree and lifts its veil (exec, exit). */
export const veilRelease = (process: number): void => {
  const top: number = rootOf(process);
  for (let node: number = top; node >= 0; node = nextInTree(node, top, false)) nodeRelease(node);
  veilRootPlusOne[process] = 0;
  veilState[process] = VEIL_NONE;
  veilKeepAtExec[process] = 0;
};
