/*
 * <libgen.h>: POSIX basename and dirname. Both may modify path (trailing
 * slashes are cut off) and may return a pointer into it or to a static
 * string; a NULL or empty path gives ".".
 *   basename: "/usr/lib/" -> "lib", "/" -> "/", "name" -> "name"
 *   dirname:  "/usr/lib/" -> "/usr", "/usr" -> "/", "name" -> "."
 */
#ifndef _LIBGEN_H
#define _LIBGEN_H

char* basename(char* path);
char* dirname(char* path);

/*
 * TSOS extension (not POSIX): dir and name joined by one '/' (none is
 * added when dir is empty or already ends with '/'), as a malloc'ed
 * string; NULL and ENOMEM when malloc fails. For the utilities that walk
 * directories (ls, rm, cp) or put operands into one (cp, mv, ln).
 */
char* path_join(const char* dir, const char* name);

/*
 * TSOS extension, for "cp/mv/ln source... target" where sources is the
 * number of sources: where source goes. If target is a directory
 * (following a link), target/<basename of source>; otherwise target
 * itself, but with more than one source that is ENOTDIR (NULL). The
 * result is malloc'ed (NULL and ENOMEM when malloc fails).
 */
char* destination_path(const char* source, const char* target, int sources);

#endif
