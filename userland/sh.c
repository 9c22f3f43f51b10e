/*
 * /bin/sh: a POSIX-style shell (docs/shell.md tells the whole of it).
 *
 *   sh [-i] [-ex] [file [arg...]]              runs file, else standard input
 *   sh [-i] [-ex] -c command [name [arg...]]   runs command ($0 = name)
 *
 * Interactive when it reads standard input and that is a terminal, or with
 * -i: it then prints a prompt on stderr ($PS1, else "# " for root and "$ "
 * for other users; "> " while a command is unfinished) and edits the line
 * itself with the terminal in raw mode (the termios it found is put back
 * before each command and at exit): typed characters are echoed on stderr,
 * backspace erases, left/right arrows, Ctrl-A and Ctrl-E move, up/down
 * arrows walk the history, Tab completes a command name (first word) or a
 * path, Ctrl-U erases the line, Ctrl-C drops the command, Ctrl-D on an
 * empty line ends the shell, Enter (LF or CR) runs the line. Input is read
 * a byte at a time, so what follows a command line is left to the
 * commands it runs.
 *
 * The grammar, read a line at a time (a line that leaves a command
 * unfinished goes on with the next one):
 *   list      := and_or { (';' | '&' | newline) and_or } [';' | '&']
 *   and_or    := pipeline { ('&&' | '||') newline* pipeline }
 *   pipeline  := ['!'] command { '|' newline* command }
 *   command   := simple | compound redirection* | NAME '(' ')' newline* compound
 *   simple    := { NAME=value } { word | redirection }, not empty
 *   compound  := '(' list ')' | '{' list '}'
 *              | if list then list { elif list then list } [else list] fi
 *              | (while | until) list do list done
 *              | for NAME [in word...] (';' | newline) do list done
 *              | case word in { ['('] pattern { '|' pattern } ')' list ';;' } esac
 *   redirection := [n]'<' word | [n]'>' word | [n]'>|' word | [n]'>>' word
 *              | [n]'>&' m | [n]'<&' m | [n]'<<' word | [n]'<<-' word
 * A word starting with '#' starts a comment. Quoting: '...' is literal; in
 * "..." a backslash quotes only $ ` " \ and newline; outside quotes \c is
 * c. Expansions: ~, $NAME ${NAME} and ${NAME:-w} ${NAME-w} ${NAME:=w}
 * ${NAME:+w} ${NAME:?w} ${#NAME} ${NAME#p} ${NAME##p} ${NAME%p} ${NAME%%p},
 * $? $$ $! $# $0..$9 ${10} $@ $*, $(...) and `...`, $((...)) (C integer
 * operators on longs, variables by name), then field splitting at $IFS
 * (default blank, tab, newline) and globbing (* ? [...] [!...]; a pattern
 * that matches nothing stays as it is).
 *
 * Builtins: : . [ bg break cd command continue eval exec exit export false
 * fg jobs kill pwd read return set shift source test trap true type unset
 * wait. Other commands run through execvp: PATH, default /bin:/usr/bin.
 *
 * Job control (interactive shells where setpgid and tcsetpgrp work): each
 * pipeline runs in its own process group, which gets the terminal while it
 * runs in the foreground; the shell ignores SIGINT, SIGQUIT, SIGTSTP,
 * SIGTTIN and SIGTTOU, its children do not. A stopped job is reported and
 * kept for fg and bg; finished background jobs are reported before the
 * next prompt. Without job control the same commands run in the shell's
 * group, and a background list reads /dev/null.
 *
 * The status of a command is the exit status of the last command run:
 * 127 for "sh: name: not found", 126 when it cannot be executed, 128+n when
 * it was killed or stopped by signal n, 1 when a redirection or an
 * expansion fails, 2 for a syntax error, which also ends a non-interactive
 * shell. The shell has no fixed limits on lines, words or arguments:
 * memory is the limit.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "kill.h"

/* ---- memory ---- */

/* Reports a message as "sh: message" on stderr. */
static void complain(const char* format, ...) __attribute__((format(printf, 1, 2)));
static void complain(const char* format, ...)
{
    va_list ap;
    va_start(ap, format);
    char* message = NULL;
    int length = vasprintf(&message, format, ap);
    va_end(ap);
    /* one write, so that lines of processes running together do not mix */
    fprintf(stderr, "sh: %s\n", length < 0 ? format : message);
    free(message);
}

/* Without memory the shell cannot go on: it says so and exits 2. */
static __attribute__((noreturn)) void out_of_memory(void)
{
    complain("out of memory");
    exit(2);
}

/* realloc (malloc for a NULL p) that does not return NULL. */
static void* xrealloc(void* p, size_t size)
{
    p = realloc(p, size);
    if (!p)
        out_of_memory();
    return p;
}

static char* xstrdup(const char* s)
{
    char* copy = strdup(s);
    if (!copy)
        out_of_memory();
    return copy;
}

/*
 * The arena: what one command line needs (its text, tokens, tree and
 * expansions) is allocated here and freed at once when the line is done;
 * a command frees its expansions when it ends (arena_here, arena_release),
 * so that loops run in constant memory.
 */
struct arena_block {
    struct arena_block* next;
    size_t used, size;
    char data[] __attribute__((aligned(8)));
};
static struct arena_block* arena;
#define ARENA_BLOCK_SIZE 8192

/* size bytes, 8-aligned, that live until the arena is released past them. */
static void* arena_alloc(size_t size)
{
    if (size > SIZE_MAX / 2)
        out_of_memory();
    size = (size + 7) & ~(size_t)7;
    if (!arena || arena->size - arena->used < size) {
        size_t block = size > ARENA_BLOCK_SIZE ? size : ARENA_BLOCK_SIZE;
        struct arena_block* fresh = xrealloc(NULL, sizeof(*fresh) + block);
        fresh->next = arena;
        fresh->used = 0;
        fresh->size = block;
        arena = fresh;
    }
    void* p = arena->data + arena->used;
    arena->used += size;
    return p;
}

/* Where the arena is: what arena_release goes back to. */
struct arena_mark {
    struct arena_block* block;
    size_t used;
};

static struct arena_mark arena_here(void)
{
    return (struct arena_mark) { arena, arena ? arena->used : 0 };
}

/* Frees what arena_alloc gave out since mark was taken. */
static void arena_release(struct arena_mark mark)
{
    while (arena != mark.block) {
        struct arena_block* next = arena->next;
        free(arena);
        arena = next;
    }
    if (arena)
        arena->used = mark.used;
}

/*
 * An arena array of at least needed items of item_size: old itself if its
 * capacity (in items, updated) is enough, else a copy of its first used
 * items in a larger one.
 */
static void* grow(void* old, size_t used, size_t needed, size_t* capacity, size_t item_size)
{
    if (needed <= *capacity)
        return old;
    size_t fresh_capacity = *capacity ? *capacity : 16;
    while (fresh_capacity < needed)
        fresh_capacity *= 2;
    if (fresh_capacity > SIZE_MAX / 2 / item_size)
        out_of_memory();
    void* fresh = arena_alloc(fresh_capacity * item_size);
    if (used)
        memcpy(fresh, old, used * item_size);
    *capacity = fresh_capacity;
    return fresh;
}

/* A growing string in the arena, always NUL-terminated once data is set. */
struct str {
    char* data;
    size_t length, capacity;
};

static void str_append(struct str* s, const char* text, size_t length)
{
    s->data = grow(s->data, s->length, s->length + length + 1, &s->capacity, 1);
    memcpy(s->data + s->length, text, length);
    s->length += length;
    s->data[s->length] = '\0';
}

static void str_push(struct str* s, char c)
{
    str_append(s, &c, 1);
}

/* A growing array of pointers in the arena. */
struct vec {
    void** items;
    size_t count, capacity;
};

static void vec_push(struct vec* v, void* item)
{
    v->items = grow(v->items, v->count, v->count + 1, &v->capacity, sizeof(void*));
    v->items[v->count++] = item;
}

/* A NUL-terminated arena copy of length bytes of text. */
static char* arena_strndup(const char* text, size_t length)
{
    char* copy = arena_alloc(length + 1);
    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

/* ---- the lexer ---- */

/* T_INCOMPLETE: the text ends inside a word or before a here-document's delimiter. */
enum token_type {
    T_WORD, T_NEWLINE, T_SEMI, T_DSEMI, T_AMP, T_AND, T_PIPE, T_OR, T_LPAREN, T_RPAREN, T_REDIRECT, T_END, T_INCOMPLETE
};
enum redirect_kind { R_IN, R_OUT, R_APPEND, R_DUP, R_HEREDOC };

struct redirect {
    int fd;
    enum redirect_kind kind;
    const char* target;            /* the word, unexpanded (R_HEREDOC: the delimiter, unquoted) */
    bool strip_tabs;               /* R_HEREDOC: <<- */
    bool quoted;                   /* R_HEREDOC: the delimiter was quoted, the body is not expanded */
    const char* body;              /* R_HEREDOC: the lines, once read */
    struct redirect* next_pending; /* R_HEREDOC: the next one whose body follows the same line */
};

struct token {
    enum token_type type;
    const char* text; /* where it starts in the line */
    size_t length;
    int fd;                  /* T_REDIRECT: the descriptor redirected */
    enum redirect_kind kind; /* T_REDIRECT */
    bool strip_tabs;         /* T_REDIRECT: <<- */
};

struct lexer {
    const char* text; /* the whole command text, NUL-terminated */
    size_t pos;
    struct redirect* pending; /* here-documents whose bodies start after the next newline */
    struct redirect** pending_tail;
};

/* What a scan returns when the text ends inside the construct: it goes on on the next line. */
#define UNFINISHED SIZE_MAX

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Whether c ends a word: a blank, an operator character, a newline or the end. */
static bool ends_word(char c)
{
    return c == '\0' || is_blank(c) || strchr("|&;<>()\n", c);
}

static size_t scan_part(const char* t, size_t i);

/* Whether the reserved word word stands at t[i], with start the beginning of the text scanned. */
static bool reserved_at(const char* t, size_t i, size_t start, const char* word)
{
    size_t n = strlen(word);
    bool starts = i == start || strchr(" \t\n;&|(", t[i - 1]);
    return starts && strncmp(t + i, word, n) == 0 && (t[i + n] == '\0' || strchr(" \t\n;&|)", t[i + n]));
}

/*
 * The index after the closing character close of the construct whose body
 * starts at t[i] (nesting open). In $(...), the ')' of a case pattern does
 * not close it: inside case ... esac only a ')' that matches a '(' counts.
 */
static size_t scan_nested(const char* t, size_t i, char open, char close)
{
    int depth = 1, cases = 0;
    size_t start = i;
    while (t[i]) {
        if (open == '(' && (reserved_at(t, i, start, "case") || reserved_at(t, i, start, "esac"))) {
            cases += t[i] == 'c' ? 1 : -1;
            i += 4;
        } else if (t[i] == open) {
            depth++;
            i++;
        } else if (t[i] == close) {
            if (depth == 1 && cases > 0) {
                i++;
                continue;
            }
            if (--depth == 0)
                return i + 1;
            i++;
        } else {
            i = scan_part(t, i);
            if (i == UNFINISHED)
                return i;
        }
    }
    return UNFINISHED;
}

/*
 * The index after the syntactic unit at t[i]: a backslash pair, a quoted
 * string, $(...), $((...)), ${...}, `...`, or one character; UNFINISHED
 * when the text ends inside it.
 */
static size_t scan_part(const char* t, size_t i)
{
    switch (t[i]) {
    case '\\':
        return t[i + 1] ? i + 2 : UNFINISHED;
    case '\'': {
        const char* close = strchr(t + i + 1, '\'');
        return close ? (size_t)(close - t) + 1 : UNFINISHED;
    }
    case '"':
        for (i++; t[i] != '"';) {
            if (!t[i] || (t[i] == '\\' && !t[i + 1]))
                return UNFINISHED;
            if (t[i] == '\\')
                i += 2;
            else if (t[i] == '$' || t[i] == '`')
                i = scan_part(t, i);
            else
                i++;
            if (i == UNFINISHED)
                return i;
        }
        return i + 1;
    case '`':
        for (i++; t[i] != '`'; i++) {
            if (!t[i])
                return UNFINISHED;
            if (t[i] == '\\' && t[i + 1])
                i++;
        }
        return i + 1;
    case '$':
        if (t[i + 1] == '(')
            return scan_nested(t, i + 2, '(', ')');
        if (t[i + 1] == '{')
            return scan_nested(t, i + 2, '{', '}');
        return i + 1;
    default:
        return i + 1;
    }
}

/* Skips blanks, backslash-newline pairs and a comment; stops at anything else. */
static void skip_space(struct lexer* lx)
{
    const char* t = lx->text;
    for (;;) {
        if (is_blank(t[lx->pos]))
            lx->pos++;
        else if (t[lx->pos] == '\\' && t[lx->pos + 1] == '\n')
            lx->pos += 2;
        else if (t[lx->pos] == '#')
            lx->pos += strcspn(t + lx->pos, "\n");
        else
            return;
    }
}

/* Moves lx->pos past the word there, quotes and substitutions included; false when the text ends inside one. */
static bool scan_word(struct lexer* lx)
{
    size_t i = lx->pos;
    while (!ends_word(lx->text[i])) {
        i = scan_part(lx->text, i);
        if (i == UNFINISHED)
            return false;
    }
    lx->pos = i;
    return true;
}

/*
 * A redirection operator at p, with its optional descriptor number first:
 * fills tok's fd and kind and returns the operator's length, or 0 if there
 * is none at p.
 */
static size_t scan_redirect(const char* p, struct token* tok)
{
    size_t i = 0;
    long fd = -1;
    while (isdigit((unsigned char)p[i])) {
        fd = (fd < 0 ? 0 : fd) * 10 + (p[i] - '0');
        if (fd > INT32_MAX / 10)
            fd = INT32_MAX / 10; /* no such descriptor: dup2 will say EBADF */
        i++;
    }
    if (p[i] == '<' && p[i + 1] == '<') {
        tok->kind = R_HEREDOC;
        tok->strip_tabs = p[i + 2] == '-';
        tok->fd = fd < 0 ? 0 : (int)fd;
        return i + 2 + tok->strip_tabs;
    }
    if (p[i] == '<') {
        tok->kind = p[i + 1] == '&' ? R_DUP : R_IN;
        tok->fd = fd < 0 ? 0 : (int)fd;
        return i + (tok->kind == R_DUP ? 2 : 1);
    }
    if (p[i] == '>') {
        tok->kind = p[i + 1] == '>' ? R_APPEND : p[i + 1] == '&' ? R_DUP : R_OUT;
        tok->fd = fd < 0 ? 1 : (int)fd;
        return i + (strchr(">&|", p[i + 1]) && p[i + 1] ? 2 : 1);
    }
    return 0;
}

/* Whether line (length bytes) is here-document r's delimiter. */
static bool is_delimiter(const struct redirect* r, const char* line, size_t length)
{
    return strlen(r->target) == length && strncmp(line, r->target, length) == 0;
}

/*
 * Reads the bodies of the pending here-documents from the lines at lx->pos
 * (just after a newline); false when the text ends before a delimiter.
 */
static bool read_heredocs(struct lexer* lx)
{
    for (struct redirect* r = lx->pending; r; r = r->next_pending) {
        struct str body = { 0 };
        str_append(&body, "", 0);
        for (;;) {
            const char* line = lx->text + lx->pos;
            if (!*line)
                return false;
            size_t length = strcspn(line, "\n");
            size_t tabs = r->strip_tabs ? strspn(line, "\t") : 0;
            if (tabs > length)
                tabs = length;
            bool last = line[length] == '\0';
            if (is_delimiter(r, line + tabs, length - tabs)) {
                lx->pos += length + !last;
                break;
            }
            if (last)
                return false;
            str_append(&body, line + tabs, length - tabs + 1);
            lx->pos += length + 1;
        }
        r->body = body.data;
    }
    lx->pending = NULL;
    lx->pending_tail = &lx->pending;
    return true;
}

/* The token of the operator characters at p, of type and length. */
static struct token operator_token(const char* p, enum token_type type, size_t length)
{
    return (struct token) { .type = type, .text = p, .length = length };
}

/* The next token of lx, moving past it. */
static struct token next_token(struct lexer* lx)
{
    skip_space(lx);
    const char* p = lx->text + lx->pos;
    struct token tok;
    bool doubled = p[0] && p[1] == p[0];
    switch (*p) {
    case '\0':
        return operator_token(p, T_END, 0);
    case '\n':
        lx->pos++;
        if (lx->pending && !read_heredocs(lx))
            return operator_token(p, T_INCOMPLETE, 0);
        return operator_token(p, T_NEWLINE, 1);
    case ';':
        tok = operator_token(p, doubled ? T_DSEMI : T_SEMI, 1 + doubled);
        break;
    case '&':
        tok = operator_token(p, doubled ? T_AND : T_AMP, 1 + doubled);
        break;
    case '|':
        tok = operator_token(p, doubled ? T_OR : T_PIPE, 1 + doubled);
        break;
    case '(':
        tok = operator_token(p, T_LPAREN, 1);
        break;
    case ')':
        tok = operator_token(p, T_RPAREN, 1);
        break;
    default:
        tok = operator_token(p, T_REDIRECT, 0);
        tok.length = scan_redirect(p, &tok);
        if (tok.length)
            break;
        if (!scan_word(lx))
            return operator_token(p, T_INCOMPLETE, 0);
        return operator_token(p, T_WORD, (size_t)(lx->text + lx->pos - p));
    }
    lx->pos += tok.length;
    return tok;
}

/* ---- the parser: text to tree ---- */

enum node_type {
    N_SIMPLE, N_PIPELINE, N_AND, N_OR, N_NOT, N_BACKGROUND, N_LIST,
    N_SUBSHELL, N_GROUP, N_IF, N_WHILE, N_UNTIL, N_FOR, N_CASE, N_FUNCTION
};

struct node {
    enum node_type type;
    /*
     * N_SIMPLE: assignments and words (raw text); every node: redirects
     * (struct redirect*); N_PIPELINE, N_LIST: items (nodes); N_FOR: words
     * (the list after in); N_CASE: items (struct case_item*).
     */
    struct vec assignments, words, redirects, items;
    /*
     * N_AND, N_OR: left and right; N_NOT, N_BACKGROUND, N_SUBSHELL,
     * N_GROUP, N_FUNCTION: left; N_IF: left (condition), right (then),
     * otherwise (else or elif, may be NULL); N_WHILE, N_UNTIL: left
     * (condition), right (body); N_FOR: right (body).
     */
    struct node *left, *right, *otherwise;
    const char* name; /* N_FOR: the variable; N_CASE: the word; N_FUNCTION: the name */
    bool has_in;      /* N_FOR */
    const char* text; /* the source text of the command (a job's name, a function's body) */
    size_t length;
};

struct case_item {
    struct vec patterns; /* raw words */
    struct node* body;   /* may be NULL */
};

struct parser {
    struct lexer lx;
    struct token tok;     /* the lookahead */
    const char* prev_end; /* where the token before it ends */
    bool failed;
    bool incomplete;     /* failed because the text ended too soon */
    const char* message; /* failed otherwise: why */
};

static struct node* new_node(enum node_type type, struct node* left, struct node* right)
{
    struct node* n = arena_alloc(sizeof(*n));
    memset(n, 0, sizeof(*n));
    n->type = type;
    n->left = left;
    n->right = right;
    return n;
}

static void advance(struct parser* ps)
{
    ps->prev_end = ps->tok.text + ps->tok.length;
    ps->tok = next_token(&ps->lx);
}

/*
 * Records a syntax error at the lookahead (the first one only); returns
 * NULL. At the end of the text it is not an error: the command is
 * unfinished.
 */
static struct node* syntax_error(struct parser* ps)
{
    if (ps->failed)
        return NULL;
    ps->failed = true;
    const struct token* t = &ps->tok;
    if (t->type == T_INCOMPLETE || t->type == T_END) {
        ps->incomplete = true;
    } else if (t->type == T_NEWLINE) {
        ps->message = "syntax error: unexpected newline";
    } else {
        size_t size = t->length + 40;
        char* message = arena_alloc(size);
        snprintf(message, size, "syntax error: unexpected '%.*s'", (int)t->length, t->text);
        ps->message = message;
    }
    return NULL;
}

/* Moves past the lookahead if it is of type; whether it was. */
static bool accept(struct parser* ps, enum token_type type)
{
    if (ps->tok.type != type)
        return false;
    advance(ps);
    return true;
}

static void skip_newlines(struct parser* ps)
{
    while (ps->tok.type == T_NEWLINE)
        advance(ps);
}

/* Whether the lookahead is the word text itself (unquoted): a reserved word where one may be. */
static bool at_word(const struct parser* ps, const char* text)
{
    return ps->tok.type == T_WORD && ps->tok.length == strlen(text) && strncmp(ps->tok.text, text, ps->tok.length) == 0;
}

/* Moves past the reserved word text, or records a syntax error (false). */
static bool expect_word(struct parser* ps, const char* text)
{
    if (!at_word(ps, text)) {
        syntax_error(ps);
        return false;
    }
    advance(ps);
    return true;
}

/* Whether the lookahead ends a list: the end, ')', ';;' or a reserved word that closes a compound command. */
static bool at_list_end(const struct parser* ps)
{
    static const char* const closers[] = { "then", "elif", "else", "fi", "do", "done", "esac", "}" };
    if (ps->tok.type == T_END || ps->tok.type == T_RPAREN || ps->tok.type == T_DSEMI || ps->tok.type == T_INCOMPLETE)
        return true;
    for (size_t k = 0; k < sizeof(closers) / sizeof(closers[0]); k++)
        if (at_word(ps, closers[k]))
            return true;
    return false;
}

/* The length of the NAME ([A-Za-z_][A-Za-z0-9_]*) at the start of s; 0 if there is none. */
static size_t name_length(const char* s)
{
    if (!isalpha((unsigned char)s[0]) && s[0] != '_')
        return 0;
    size_t n = 1;
    while (isalnum((unsigned char)s[n]) || s[n] == '_')
        n++;
    return n;
}

static bool is_name(const char* s)
{
    size_t n = name_length(s);
    return n > 0 && s[n] == '\0';
}

static bool is_assignment(const char* word)
{
    size_t n = name_length(word);
    return n > 0 && word[n] == '=';
}

static char* token_text(const struct parser* ps)
{
    return arena_strndup(ps->tok.text, ps->tok.length);
}

/* A here-document's delimiter word without its quotes; *quoted says whether it had any. */
static char* heredoc_delimiter(const char* word, bool* quoted)
{
    struct str out = { 0 };
    str_append(&out, "", 0);
    *quoted = strpbrk(word, "'\"\\") != NULL;
    for (const char* p = word; *p; p++) {
        if (*p == '\'' || *p == '"')
            continue;
        if (*p == '\\' && p[1])
            p++;
        str_push(&out, *p);
    }
    return out.data;
}

/* The redirection at the lookahead (a T_REDIRECT) and its word, added to n's; false after a syntax error. */
static bool parse_redirect(struct parser* ps, struct node* n)
{
    struct redirect* r = arena_alloc(sizeof(*r));
    memset(r, 0, sizeof(*r));
    r->fd = ps->tok.fd;
    r->kind = ps->tok.kind;
    r->strip_tabs = ps->tok.strip_tabs;
    advance(ps);
    if (ps->tok.type != T_WORD) {
        syntax_error(ps);
        return false;
    }
    r->target = token_text(ps);
    if (r->kind == R_HEREDOC) {
        r->target = heredoc_delimiter(r->target, &r->quoted);
        *ps->lx.pending_tail = r;
        ps->lx.pending_tail = &r->next_pending;
    }
    vec_push(&n->redirects, r);
    advance(ps);
    return true;
}

/* Redirections after a compound command. */
static struct node* parse_trailing_redirects(struct parser* ps, struct node* n)
{
    while (n && ps->tok.type == T_REDIRECT)
        if (!parse_redirect(ps, n))
            return NULL;
    return n;
}

static struct node* parse_list(struct parser* ps);
static struct node* parse_command(struct parser* ps);

/* A list that must be there before the reserved word closer (moved past). */
static struct node* parse_body(struct parser* ps, const char* closer)
{
    struct node* body = parse_list(ps);
    if (!body || !expect_word(ps, closer))
        return NULL;
    return body;
}

/* After if or elif: condition, then-part and the rest, up to and past fi. */
static struct node* parse_if(struct parser* ps)
{
    struct node* n = new_node(N_IF, parse_body(ps, "then"), NULL);
    if (!n->left)
        return NULL;
    n->right = parse_list(ps);
    if (!n->right)
        return NULL;
    if (at_word(ps, "elif")) {
        advance(ps);
        n->otherwise = parse_if(ps);
        return n->otherwise ? n : NULL;
    }
    if (at_word(ps, "else")) {
        advance(ps);
        n->otherwise = parse_list(ps);
        if (!n->otherwise)
            return NULL;
    }
    return expect_word(ps, "fi") ? n : NULL;
}

/* After while or until: condition, do, body, done. */
static struct node* parse_loop(struct parser* ps, enum node_type type)
{
    struct node* n = new_node(type, parse_body(ps, "do"), NULL);
    if (!n->left)
        return NULL;
    n->right = parse_body(ps, "done");
    return n->right ? n : NULL;
}

/* After for: NAME [in word...] (';' | newline), do, body, done. */
static struct node* parse_for(struct parser* ps)
{
    if (ps->tok.type != T_WORD || !is_name(token_text(ps)))
        return syntax_error(ps);
    struct node* n = new_node(N_FOR, NULL, NULL);
    n->name = token_text(ps);
    advance(ps);
    skip_newlines(ps);
    if (at_word(ps, "in")) {
        n->has_in = true;
        for (advance(ps); ps->tok.type == T_WORD; advance(ps))
            vec_push(&n->words, token_text(ps));
        if (ps->tok.type != T_SEMI && ps->tok.type != T_NEWLINE)
            return syntax_error(ps);
        advance(ps);
    } else if (ps->tok.type == T_SEMI) {
        advance(ps);
    }
    skip_newlines(ps);
    if (!expect_word(ps, "do"))
        return NULL;
    n->right = parse_body(ps, "done");
    return n->right ? n : NULL;
}

/* After case: word in { ['('] pattern { '|' pattern } ')' list [';;'] } esac. */
static struct node* parse_case(struct parser* ps)
{
    if (ps->tok.type != T_WORD)
        return syntax_error(ps);
    struct node* n = new_node(N_CASE, NULL, NULL);
    n->name = token_text(ps);
    advance(ps);
    skip_newlines(ps);
    if (!expect_word(ps, "in"))
        return NULL;
    for (;;) {
        skip_newlines(ps);
        if (at_word(ps, "esac"))
            break;
        struct case_item* item = arena_alloc(sizeof(*item));
        memset(item, 0, sizeof(*item));
        accept(ps, T_LPAREN);
        do {
            if (ps->tok.type != T_WORD)
                return syntax_error(ps);
            vec_push(&item->patterns, token_text(ps));
            advance(ps);
        } while (accept(ps, T_PIPE));
        if (!accept(ps, T_RPAREN))
            return syntax_error(ps);
        item->body = parse_list(ps);
        if (!item->body)
            return NULL;
        vec_push(&n->items, item);
        if (!accept(ps, T_DSEMI))
            break;
    }
    skip_newlines(ps);
    return expect_word(ps, "esac") ? n : NULL;
}

/* The compound command at the lookahead (NULL after a syntax error); *found false when there is none. */
static struct node* parse_compound(struct parser* ps, bool* found)
{
    *found = true;
    if (accept(ps, T_LPAREN)) {
        struct node* body = parse_list(ps);
        if (!body)
            return NULL;
        if (!accept(ps, T_RPAREN))
            return syntax_error(ps);
        return new_node(N_SUBSHELL, body, NULL);
    }
    static const char* const starters[] = { "{", "if", "while", "until", "for", "case" };
    size_t k = 0;
    while (k < sizeof(starters) / sizeof(starters[0]) && !at_word(ps, starters[k]))
        k++;
    if (k == sizeof(starters) / sizeof(starters[0])) {
        *found = false;
        return NULL;
    }
    advance(ps);
    switch (k) {
    case 0: {
        struct node* body = parse_body(ps, "}");
        return body ? new_node(N_GROUP, body, NULL) : NULL;
    }
    case 1:
        return parse_if(ps);
    case 2:
        return parse_loop(ps, N_WHILE);
    case 3:
        return parse_loop(ps, N_UNTIL);
    case 4:
        return parse_for(ps);
    default:
        return parse_case(ps);
    }
}

/* Whether the lookahead, a word, is followed by '(': a function definition. */
static bool at_function_definition(struct parser* ps)
{
    if (ps->tok.type != T_WORD || !is_name(token_text(ps)))
        return false;
    struct lexer saved = ps->lx;
    struct token next = next_token(&ps->lx);
    ps->lx = saved;
    return next.type == T_LPAREN;
}

/* NAME '(' ')' newline* compound: the body is kept as text, parsed again at each call. */
static struct node* parse_function(struct parser* ps)
{
    struct node* n = new_node(N_FUNCTION, NULL, NULL);
    n->name = token_text(ps);
    advance(ps);
    advance(ps);
    if (ps->tok.type != T_RPAREN)
        return syntax_error(ps);
    advance(ps);
    skip_newlines(ps);
    const char* start = ps->tok.text;
    bool found;
    n->left = parse_trailing_redirects(ps, parse_compound(ps, &found));
    if (!found)
        return syntax_error(ps);
    if (!n->left)
        return NULL;
    n->left->text = start;
    n->left->length = (size_t)(ps->prev_end - start);
    return n;
}

/* simple := { NAME=value } { word | redirection }, at least one of them. */
static struct node* parse_simple(struct parser* ps)
{
    struct node* cmd = new_node(N_SIMPLE, NULL, NULL);
    while (ps->tok.type == T_WORD || ps->tok.type == T_REDIRECT) {
        if (ps->tok.type == T_REDIRECT) {
            if (!parse_redirect(ps, cmd))
                return NULL;
            continue;
        }
        char* word = token_text(ps);
        vec_push(cmd->words.count == 0 && is_assignment(word) ? &cmd->assignments : &cmd->words, word);
        advance(ps);
    }
    if (cmd->assignments.count + cmd->words.count + cmd->redirects.count == 0)
        return syntax_error(ps);
    return cmd;
}

/* command := simple | compound redirection* | function definition */
static struct node* parse_command(struct parser* ps)
{
    if (at_list_end(ps) && ps->tok.type == T_WORD)
        return syntax_error(ps);
    bool found;
    struct node* n = parse_compound(ps, &found);
    if (found)
        return parse_trailing_redirects(ps, n);
    if (at_function_definition(ps))
        return parse_function(ps);
    return parse_simple(ps);
}

/* Gives n the source text from start to the end of the last token read. */
static struct node* with_text(struct parser* ps, struct node* n, const char* start)
{
    if (n) {
        n->text = start;
        n->length = (size_t)(ps->prev_end - start);
    }
    return n;
}

/* pipeline := ['!'] command { '|' newline* command } */
static struct node* parse_pipeline(struct parser* ps)
{
    const char* start = ps->tok.text;
    bool negate = at_word(ps, "!");
    if (negate)
        advance(ps);
    struct node* pipeline = new_node(N_PIPELINE, NULL, NULL);
    for (;;) {
        const char* command_start = ps->tok.text;
        struct node* cmd = with_text(ps, parse_command(ps), command_start);
        if (!cmd)
            return NULL;
        vec_push(&pipeline->items, cmd);
        if (!accept(ps, T_PIPE))
            break;
        skip_newlines(ps);
    }
    struct node* result = pipeline->items.count == 1 ? pipeline->items.items[0] : with_text(ps, pipeline, start);
    return negate ? with_text(ps, new_node(N_NOT, result, NULL), start) : result;
}

/* and_or := pipeline { ('&&' | '||') newline* pipeline } */
static struct node* parse_and_or(struct parser* ps)
{
    const char* start = ps->tok.text;
    struct node* left = parse_pipeline(ps);
    while (left && (ps->tok.type == T_AND || ps->tok.type == T_OR)) {
        enum node_type type = ps->tok.type == T_AND ? N_AND : N_OR;
        advance(ps);
        skip_newlines(ps);
        struct node* right = parse_pipeline(ps);
        left = right ? with_text(ps, new_node(type, left, right), start) : NULL;
    }
    return left;
}

/* list := and_or { (';' | '&' | newline) and_or } [';' | '&'], possibly empty, up to a token that ends it. */
static struct node* parse_list(struct parser* ps)
{
    struct node* list = new_node(N_LIST, NULL, NULL);
    for (;;) {
        skip_newlines(ps);
        if (at_list_end(ps))
            return list;
        struct node* item = parse_and_or(ps);
        if (!item)
            return NULL;
        if (ps->tok.type == T_AMP)
            item = with_text(ps, new_node(N_BACKGROUND, item, NULL), item->text);
        if (ps->tok.type == T_AMP || ps->tok.type == T_SEMI)
            advance(ps);
        else if (ps->tok.type != T_NEWLINE && !at_list_end(ps))
            return syntax_error(ps);
        vec_push(&list->items, item);
    }
}

enum parse_result { PARSED, INCOMPLETE, SYNTAX_ERROR };

/* Parses text into *tree (an N_LIST); on a syntax error *message says why. */
static enum parse_result parse(const char* text, struct node** tree, const char** message)
{
    struct parser ps = { .lx = { .text = text } };
    ps.lx.pending_tail = &ps.lx.pending;
    ps.tok.text = text;
    advance(&ps);
    *tree = parse_list(&ps);
    if (!ps.failed && ps.tok.type != T_END)
        syntax_error(&ps);
    if (!ps.failed && ps.lx.pending) {
        ps.failed = ps.incomplete = true; /* the here-document's body is still to come */
    }
    if (!ps.failed)
        return PARSED;
    if (ps.incomplete)
        return INCOMPLETE;
    *message = ps.message;
    return SYNTAX_ERROR;
}
/* ---- variables ---- */

/* A name and its malloc'ed value: a shell variable, or a function and its body. */
struct variable {
    char* name;
    char* value;
};

/* A table of them (malloc'ed, kept across lines). */
struct table {
    struct variable* items;
    size_t count, capacity;
};

static struct table locals; /* the shell variables not in the environment */

static struct variable* table_find(struct table* t, const char* name)
{
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->items[i].name, name) == 0)
            return &t->items[i];
    return NULL;
}

/* Sets name to a copy of the length bytes at value. */
static void table_set(struct table* t, const char* name, const char* value, size_t length)
{
    struct variable* v = table_find(t, name);
    if (!v) {
        if (t->count == t->capacity) {
            t->capacity = t->capacity ? t->capacity * 2 : 16;
            t->items = xrealloc(t->items, t->capacity * sizeof(*t->items));
        }
        v = &t->items[t->count++];
        *v = (struct variable) { xstrdup(name), NULL };
    }
    free(v->value);
    v->value = xrealloc(NULL, length + 1);
    memcpy(v->value, value, length);
    v->value[length] = '\0';
}

static void table_remove(struct table* t, const char* name)
{
    struct variable* v = table_find(t, name);
    if (!v)
        return;
    free(v->name);
    free(v->value);
    *v = t->items[--t->count];
}

/* The value of variable name (shell variables first, then the environment), or NULL. */
static const char* get_var(const char* name)
{
    struct variable* v = table_find(&locals, name);
    return v ? v->value : getenv(name);
}

/* Puts NAME=value in the environment (out of the shell variables); false if setenv failed. */
static bool export_var(const char* name, const char* value)
{
    if (setenv(name, value, 1) < 0) {
        complain("export: %s: %s", name, strerror(errno));
        return false;
    }
    table_remove(&locals, name);
    return true;
}

/* Sets variable name: in the environment if it is there, else as a shell variable. */
static void set_var(const char* name, const char* value)
{
    if (getenv(name)) {
        export_var(name, value);
        return;
    }
    table_set(&locals, name, value, strlen(value));
}


/* ---- patterns: case, globbing, ${NAME#pattern} ---- */

/*
 * Matches bracket expression p (at '[') against c: 1 or 0, with *end
 * after its ']'; -1 when p has no closing ']' (the '[' is then literal).
 */
static int match_bracket(const char* p, char c, const char** end)
{
    size_t i = 1;
    bool negate = p[i] == '!' || p[i] == '^';
    i += negate;
    bool found = false;
    for (bool first = true; p[i] && (p[i] != ']' || first); first = false) {
        char low = p[i];
        if (low == '\\' && p[i + 1])
            low = p[++i];
        char high = low;
        if (p[i + 1] == '-' && p[i + 2] && p[i + 2] != ']') {
            high = p[i + 2];
            if (high == '\\' && p[i + 3])
                high = p[++i + 2];
            i += 2;
        }
        if ((unsigned char)c >= (unsigned char)low && (unsigned char)c <= (unsigned char)high)
            found = true;
        i++;
    }
    if (p[i] != ']')
        return -1;
    *end = p + i + 1;
    return found != negate;
}

/* Whether string s matches pattern p (* ? [...] [!...], and \c for a literal c). */
static bool match(const char* p, const char* s)
{
    for (;;) {
        const char* end;
        int in_bracket;
        switch (*p) {
        case '\0':
            return *s == '\0';
        case '*':
            while (*p == '*')
                p++;
            for (; *s; s++)
                if (match(p, s))
                    return true;
            return match(p, s);
        case '?':
            if (!*s)
                return false;
            p++, s++;
            break;
        case '[':
            in_bracket = *s ? match_bracket(p, *s, &end) : 0;
            if (in_bracket >= 0) {
                if (!in_bracket)
                    return false;
                p = end, s++;
                break;
            }
            __attribute__((fallthrough)); /* a '[' without ']' is itself */
        default:
            if (*p == '\\' && p[1])
                p++;
            if (*p != *s)
                return false;
            p++, s++;
        }
    }
}

/* Whether pattern p has an unquoted * ? or [. */
static bool has_glob_chars(const char* p)
{
    for (; *p; p++) {
        if (*p == '\\' && p[1])
            p++;
        else if (strchr("*?[", *p))
            return true;
    }
    return false;
}

/* p without its backslashes (a pattern with no special characters, as the name it stands for). */
static char* unescape(const char* p)
{
    struct str out = { 0 };
    str_append(&out, "", 0);
    for (; *p; p++) {
        if (*p == '\\' && p[1])
            p++;
        str_push(&out, *p);
    }
    return out.data;
}

static char* concat(const char* a, const char* b)
{
    struct str out = { 0 };
    str_append(&out, a, strlen(a));
    str_append(&out, b, strlen(b));
    return out.data;
}

/* Adds to out the paths under dir (empty, or ending in '/') that match pattern, a component at a time. */
static void glob_in(struct vec* out, const char* dir, const char* pattern)
{
    size_t length = strcspn(pattern, "/");
    const char* rest = pattern[length] ? pattern + length + 1 : NULL;
    char* component = arena_strndup(pattern, length);
    if (!has_glob_chars(component)) {
        char* path = concat(dir, unescape(component));
        struct stat st;
        if (!rest && lstat(path, &st) == 0)
            vec_push(out, path);
        else if (rest)
            glob_in(out, concat(path, "/"), rest);
        return;
    }
    DIR* d = opendir(*dir ? dir : ".");
    if (!d)
        return;
    struct dirent* e;
    while ((e = readdir(d))) {
        if ((e->d_name[0] == '.' && component[0] != '.') || !match(component, e->d_name))
            continue;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char* path = concat(dir, e->d_name);
        if (rest)
            glob_in(out, concat(path, "/"), rest);
        else
            vec_push(out, path);
    }
    closedir(d);
}

static int compare_strings(const void* a, const void* b)
{
    return strcmp(*(char* const*)a, *(char* const*)b);
}

/* Adds the sorted paths pattern matches to fields; none: literal, the word as it was. */
static void glob_field(struct vec* fields, const char* pattern, char* literal)
{
    size_t first = fields->count;
    glob_in(fields, "", pattern);
    if (fields->count == first)
        vec_push(fields, literal);
    else
        qsort(fields->items + first, fields->count - first, sizeof(void*), compare_strings);
}

/* ---- expansion ---- */

static int last_status;
static pid_t last_background;   /* $!, 0 before the first */
static const char* script_name; /* $0 */
static char** positional;       /* $1... (malloc'ed) */
static int positional_count;    /* $# */
static bool interactive;

/* How a word expands: split into fields at $IFS, then globbed; or as a pattern (case, ${NAME#...}). */
enum { EX_SPLIT = 1, EX_GLOB = 2, EX_PATTERN = 4, EX_HEREDOC = 8 };

/* The fields one word expands to, being built. */
struct expansion {
    struct vec* fields; /* where finished fields go (char*) */
    struct str field;   /* the one being built */
    struct str pattern; /* the same with its quoted * ? [ \ escaped (EX_GLOB, EX_PATTERN) */
    bool have_field;    /* whether there is one, empty or not */
    bool has_glob;      /* whether it has an unquoted * ? or [ */
    int flags;
    bool failed;
};

static void end_field(struct expansion* ex)
{
    if (ex->have_field) {
        char* value = ex->field.data ? ex->field.data : "";
        char* pattern = ex->pattern.data ? ex->pattern.data : "";
        if (ex->flags & EX_PATTERN)
            vec_push(ex->fields, pattern);
        else if ((ex->flags & EX_GLOB) && ex->has_glob)
            glob_field(ex->fields, pattern, value);
        else
            vec_push(ex->fields, value);
    }
    ex->field = ex->pattern = (struct str) { 0 };
    ex->have_field = ex->has_glob = false;
}

/* Adds text to the field; quoted text keeps its * ? [ from globbing and matching. */
static void add_text(struct expansion* ex, const char* text, size_t length, bool quoted)
{
    ex->have_field = true;
    str_append(&ex->field, text, length);
    if (!(ex->flags & (EX_GLOB | EX_PATTERN)))
        return;
    str_append(&ex->pattern, "", 0);
    for (size_t k = 0; k < length; k++) {
        if (quoted && strchr("*?[\\", text[k]))
            str_push(&ex->pattern, '\\');
        else if (!quoted && strchr("*?[", text[k]))
            ex->has_glob = true;
        str_push(&ex->pattern, text[k]);
    }
}

static bool is_ifs_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* Adds an expansion's value: as is when quoted or not splitting, else split at the characters of $IFS. */
static void add_value(struct expansion* ex, const char* value, bool quoted)
{
    if (quoted || !(ex->flags & EX_SPLIT)) {
        add_text(ex, value, strlen(value), quoted);
        return;
    }
    const char* ifs = get_var("IFS");
    if (!ifs)
        ifs = " \t\n";
    for (const char* p = value; *p; p++) {
        if (!strchr(ifs, *p)) {
            add_text(ex, p, 1, false);
            continue;
        }
        if (!is_ifs_space(*p))
            ex->have_field = true;
        end_field(ex);
    }
}

/* $@ and $*: the arguments, as separate fields for "$@", else joined by spaces. */
static void add_arguments(struct expansion* ex, bool separate, bool quoted)
{
    for (int k = 0; k < positional_count; k++) {
        if (k > 0 && separate) {
            ex->have_field = true;
            end_field(ex);
        } else if (k > 0) {
            add_value(ex, " ", quoted);
        }
        if (quoted)
            add_text(ex, "", 0, true);
        add_value(ex, positional[k], quoted);
    }
}

/* The value of the parameter named by length bytes at name (not @ or *), or NULL when it is unset. */
static const char* parameter_value(const char* name, size_t length)
{
    long number;
    if (*name == '?')
        number = last_status;
    else if (*name == '$')
        number = getpid();
    else if (*name == '!' && last_background)
        number = last_background;
    else if (*name == '#')
        number = positional_count;
    else if (*name == '!')
        return NULL;
    else if (isdigit((unsigned char)*name)) {
        long index = strtol(arena_strndup(name, length), NULL, 10); /* $12 is $1 then 2 */
        return index == 0 ? script_name : index <= positional_count ? positional[index - 1] : NULL;
    } else
        return get_var(arena_strndup(name, length));
    char* digits = arena_alloc(24);
    snprintf(digits, 24, "%ld", number);
    return digits;
}

/* The length of the parameter name at p: a NAME, one special character or digit, or (braced) digits; 0 if none. */
static size_t parameter_length(const char* p, bool braced)
{
    size_t n = name_length(p);
    if (n)
        return n;
    if (braced && isdigit((unsigned char)*p))
        return strspn(p, "0123456789");
    return *p && strchr("?$!#@*0123456789", *p) ? 1 : 0;
}

static void expand_part(struct expansion* ex, const char* raw, bool quoted);
static char* command_output(const char* text);
static bool arith_evaluate(const char* text, long* value);

/* The word raw expanded as one string, with flags (0 or EX_PATTERN); NULL after an error. */
static char* expand_whole(const char* raw, int flags)
{
    struct vec fields = { 0 };
    struct expansion ex = { .fields = &fields, .flags = flags };
    expand_part(&ex, raw, false);
    end_field(&ex);
    if (ex.failed)
        return NULL;
    return fields.count ? fields.items[0] : "";
}

/* The word raw expanded as one string, without splitting or globbing (an assignment's value, a case word). */
static char* expand_string(const char* raw)
{
    return expand_whole(raw, 0);
}

/* raw expanded as a pattern: quoted characters escaped, the rest special. */
static char* expand_pattern(const char* raw)
{
    return expand_whole(raw, EX_PATTERN);
}

/* value without its shortest (or longest) prefix (or suffix) matching pattern. */
static const char* remove_affix(const char* value, const char* pattern, bool suffix, bool longest)
{
    size_t length = strlen(value);
    char* copy = arena_strndup(value, length);
    for (size_t k = 0; k <= length; k++) {
        size_t cut = longest ? length - k : k; /* the length of the prefix, or of what the suffix leaves */
        if (suffix)
            cut = length - cut;
        if (suffix ? match(pattern, value + cut) : ((copy[cut] = '\0'), match(pattern, copy)))
            return suffix ? arena_strndup(value, cut) : value + cut;
        copy[cut] = value[cut];
    }
    return value;
}

/* The word of ${name op word}: its quotes count, and inside double quotes its expansions are not split or globbed. */
static void expand_operand(struct expansion* ex, const char* word, bool quoted)
{
    int flags = ex->flags;
    if (quoted)
        ex->flags &= ~(EX_SPLIT | EX_GLOB);
    expand_part(ex, word, false);
    ex->flags = flags;
}

/* ${name op word} with op one of - = + ? (each also after ':') or # ## % %%: adds what it gives. */
static void expand_operator(struct expansion* ex, const char* name, size_t length, const char* op, bool quoted)
{
    const char* value = *name == '@' || *name == '*' ? (positional_count ? positional[0] : NULL) : parameter_value(name, length);
    bool colon = *op == ':';
    char kind = op[colon];
    const char* word = op + colon + 1;
    if (kind == '#' || kind == '%') {
        bool longest = word[0] == kind;
        char* pattern = expand_pattern(word + longest);
        if (!pattern) {
            ex->failed = true;
            return;
        }
        add_value(ex, remove_affix(value ? value : "", pattern, kind == '%', longest), quoted);
        return;
    }
    bool unset = !value || (colon && !*value);
    if (kind == '+') {
        if (!unset)
            expand_operand(ex, word, quoted);
    } else if (!unset) {
        add_value(ex, value, quoted);
    } else if (kind == '-') {
        expand_operand(ex, word, quoted);
    } else if (kind == '=') {
        char* fresh = expand_string(word);
        if (!fresh || isdigit((unsigned char)*name)) {
            ex->failed = true;
            return;
        }
        set_var(arena_strndup(name, length), fresh);
        add_value(ex, fresh, quoted);
    } else {
        char* message = expand_string(word);
        complain("%.*s: %s", (int)length, name, message && *message ? message : "parameter not set");
        ex->failed = true;
    }
}

/* ${...} whose inside is the length bytes at inner. */
static void expand_braced(struct expansion* ex, const char* inner, size_t length, bool quoted)
{
    char* text = arena_strndup(inner, length);
    size_t n = parameter_length(text + (text[0] == '#'), true);
    if (text[0] == '#' && n && n + 1 == length) {
        const char* value = text[1] == '@' || text[1] == '*' ? NULL : parameter_value(text + 1, n);
        char digits[24];
        bool arguments = text[1] == '@' || text[1] == '*';
        snprintf(digits, sizeof(digits), "%zu", arguments ? (size_t)positional_count : value ? strlen(value) : 0);
        add_value(ex, digits, quoted);
        return;
    }
    n = parameter_length(text, true);
    const char* op = text + n;
    bool valid_op = *op == '\0' || strchr("-=+?#%", *op) || (*op == ':' && op[1] && strchr("-=+?", op[1]));
    if (n == 0 || !valid_op) {
        complain("${%s}: bad substitution", text);
        ex->failed = true;
    } else if (*op == '\0' && (*text == '@' || *text == '*')) {
        add_arguments(ex, *text == '@' && quoted && (ex->flags & EX_SPLIT), quoted);
    } else if (*op == '\0') {
        const char* value = parameter_value(text, n);
        if (value)
            add_value(ex, value, quoted);
    } else {
        expand_operator(ex, text, n, op, quoted);
    }
}

/* $((expression)): the expression is expanded like a double-quoted word, then evaluated. */
static void expand_arithmetic(struct expansion* ex, const char* expression, size_t length, bool quoted)
{
    struct vec fields = { 0 };
    struct expansion inner = { .fields = &fields };
    add_text(&inner, "", 0, true);
    expand_part(&inner, arena_strndup(expression, length), true);
    end_field(&inner);
    long value;
    if (inner.failed || !arith_evaluate(fields.items[0], &value)) {
        ex->failed = true;
        return;
    }
    char digits[24];
    snprintf(digits, sizeof(digits), "%ld", value);
    add_value(ex, digits, quoted);
}

/* Expands the $ at raw[*i] (a lone $ is itself), moving *i past what it introduces. */
static void expand_dollar(struct expansion* ex, const char* raw, size_t* i, bool quoted)
{
    const char* p = raw + *i + 1;
    if (*p == '(' || *p == '{') {
        size_t end = scan_part(raw, *i); /* the word was scanned whole: it is complete */
        const char* inner = p + 1;
        size_t length = end - (*i + 3);
        *i = end;
        if (*p == '{')
            expand_braced(ex, inner, length, quoted);
        else if (*inner == '(' && scan_nested(raw, (size_t)(inner + 1 - raw), '(', ')') == end - 1)
            expand_arithmetic(ex, inner + 1, length - 2, quoted);
        else {
            char* output = command_output(arena_strndup(inner, length));
            if (output)
                add_value(ex, output, quoted);
            else
                ex->failed = true;
        }
        return;
    }
    size_t length = parameter_length(p, false);
    if (length == 0) {
        add_text(ex, "$", 1, quoted);
        *i += 1;
        return;
    }
    *i += 1 + length;
    if (*p == '@' || *p == '*') {
        add_arguments(ex, *p == '@' && quoted && (ex->flags & EX_SPLIT), quoted);
        return;
    }
    const char* value = parameter_value(p, length);
    if (value)
        add_value(ex, value, quoted);
}

/* Expands `...` at raw[*i]: its text with \$ \` \\ (and \" in double quotes) unescaped, run, its output. */
static void expand_backquote(struct expansion* ex, const char* raw, size_t* i, bool quoted)
{
    size_t end = scan_part(raw, *i);
    struct str text = { 0 };
    str_append(&text, "", 0);
    for (size_t k = *i + 1; k + 1 < end; k++) {
        if (raw[k] == '\\' && (strchr("$`\\", raw[k + 1]) || (quoted && raw[k + 1] == '"')))
            k++;
        str_push(&text, raw[k]);
    }
    *i = end;
    char* output = command_output(text.data);
    if (output)
        add_value(ex, output, quoted);
    else
        ex->failed = true;
}

/*
 * Expands raw into ex: as a whole word (quotes are closed: the lexer
 * delimited it), or quoted, as the inside of double quotes or a
 * here-document (EX_HEREDOC: \" stays).
 */
static void expand_part(struct expansion* ex, const char* raw, bool quoted)
{
    const char* escapable = ex->flags & EX_HEREDOC ? "$`\\\n" : "$`\"\\\n";
    size_t i = 0;
    if (!quoted && raw[0] == '~' && (raw[1] == '/' || raw[1] == '\0') && get_var("HOME")) {
        add_text(ex, get_var("HOME"), strlen(get_var("HOME")), true);
        i = 1;
    }
    while (raw[i] && !ex->failed) {
        char c = raw[i];
        if (c == '\\' && raw[i + 1] && (!quoted || strchr(escapable, raw[i + 1]))) {
            if (raw[i + 1] != '\n')
                add_text(ex, raw + i + 1, 1, true);
            i += 2;
        } else if (c == '\'' && !quoted) {
            size_t length = strcspn(raw + i + 1, "'");
            add_text(ex, raw + i + 1, length, true);
            i += length + 2;
        } else if (c == '"' && !quoted) {
            size_t end = scan_part(raw, i);
            char* inside = arena_strndup(raw + i + 1, end - i - 2);
            if (strcmp(inside, "$@") != 0) /* "" is an empty field, but "$@" without arguments is none */
                add_text(ex, "", 0, true);
            expand_part(ex, inside, true);
            i = end;
        } else if (c == '$') {
            expand_dollar(ex, raw, &i, quoted);
        } else if (c == '`') {
            expand_backquote(ex, raw, &i, quoted);
        } else {
            add_text(ex, raw + i, 1, quoted);
            i++;
        }
    }
}

/*
 * Expands the word raw and appends its fields to fields (flags: EX_SPLIT,
 * EX_GLOB): none, one, or several. False after reporting an error.
 */
static bool expand_word(const char* raw, struct vec* fields, int flags)
{
    struct expansion ex = { .fields = fields, .flags = flags };
    expand_part(&ex, raw, false);
    end_field(&ex);
    return !ex.failed;
}

/* The body of a here-document expanded ($, `...` and \ before $ ` \ newline); NULL after an error. */
static char* expand_heredoc(const char* body)
{
    struct vec fields = { 0 };
    struct expansion ex = { .fields = &fields, .flags = EX_HEREDOC };
    add_text(&ex, "", 0, true);
    expand_part(&ex, body, true);
    end_field(&ex);
    return ex.failed ? NULL : fields.items[0];
}

/* ---- arithmetic: $((...)) ---- */

struct arith {
    const char* p;
    const char* error; /* the first error, or NULL */
};

static void arith_fail(struct arith* a, const char* error)
{
    if (!a->error)
        a->error = error;
}

static void arith_space(struct arith* a)
{
    while (isspace((unsigned char)*a->p))
        a->p++;
}

/* The number text (decimal, 0x hex, 0 octal; empty is 0) stands for, through *value; false if it is not one. */
static bool parse_number(const char* text, long* value)
{
    while (isspace((unsigned char)*text))
        text++;
    if (!*text) {
        *value = 0;
        return true;
    }
    char* end;
    errno = 0;
    *value = strtol(text, &end, 0);
    while (isspace((unsigned char)*end))
        end++;
    return end != text && !*end && errno == 0;
}

/* l op r for the binary operator op; division by zero is an error. */
static long arith_apply(struct arith* a, const char* op, long l, long r)
{
    switch (op[0]) {
    case '+': return (long)((unsigned long)l + (unsigned long)r);
    case '-': return (long)((unsigned long)l - (unsigned long)r);
    case '*': return (long)((unsigned long)l * (unsigned long)r);
    case '/':
    case '%':
        if (r == 0 || (r == -1 && l == LONG_MIN)) {
            arith_fail(a, "division by zero");
            return 0;
        }
        return op[0] == '/' ? l / r : l % r;
    case '<': return op[1] == '<' ? (long)((unsigned long)l << (r & 31)) : op[1] == '=' ? l <= r : l < r;
    case '>': return op[1] == '>' ? l >> (r & 31) : op[1] == '=' ? l >= r : l > r;
    case '=': return l == r;
    case '!': return l != r;
    case '&': return op[1] == '&' ? l && r : l & r;
    case '|': return op[1] == '|' ? l || r : l | r;
    default: return l ^ r;
    }
}

struct binop {
    const char* op;
    int precedence;
};

/* Longer operators first, so that << is not taken for <. */
static const struct binop binops[] = {
    { "||", 1 }, { "&&", 2 }, { "==", 6 }, { "!=", 6 }, { "<=", 7 }, { ">=", 7 }, { "<<", 8 }, { ">>", 8 },
    { "|", 3 }, { "^", 4 }, { "&", 5 }, { "<", 7 }, { ">", 7 }, { "+", 9 }, { "-", 9 }, { "*", 10 }, { "/", 10 }, { "%", 10 },
};

/* The binary operator at p, or NULL. */
static const struct binop* binop_at(const char* p)
{
    for (size_t k = 0; k < sizeof(binops) / sizeof(binops[0]); k++)
        if (strncmp(p, binops[k].op, strlen(binops[k].op)) == 0)
            return &binops[k];
    return NULL;
}

static long arith_ternary(struct arith* a, bool eval);

/* The value of variable name in an expression: its text as a number (unset or empty: 0). */
static long arith_variable(struct arith* a, const char* name)
{
    const char* text = get_var(name);
    long value = 0;
    if (text && !parse_number(text, &value))
        arith_fail(a, "not a number");
    return value;
}

static void arith_store(const char* name, long value, bool eval)
{
    if (!eval)
        return;
    char digits[24];
    snprintf(digits, sizeof(digits), "%ld", value);
    set_var(name, digits);
}

/* After a variable name: = op= ++ -- applied to it, or its value. */
static long arith_name(struct arith* a, const char* name, bool eval)
{
    static const char* const assignments[] = { "<<=", ">>=", "+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=", "=" };
    arith_space(a);
    long old = arith_variable(a, name);
    if ((a->p[0] == '+' || a->p[0] == '-') && a->p[1] == a->p[0]) {
        arith_store(name, old + (a->p[0] == '+' ? 1 : -1), eval);
        a->p += 2;
        return old;
    }
    for (size_t k = 0; k < sizeof(assignments) / sizeof(assignments[0]); k++) {
        size_t n = strlen(assignments[k]);
        if (strncmp(a->p, assignments[k], n) != 0 || (n == 1 && a->p[1] == '='))
            continue;
        a->p += n;
        long value = arith_ternary(a, eval);
        if (n > 1) {
            char op[3] = { assignments[k][0], n == 3 ? assignments[k][1] : '\0', '\0' };
            value = arith_apply(a, op, old, value);
        }
        arith_store(name, value, eval);
        return value;
    }
    return old;
}

/* The variable name at a->p, moved past (NULL after an error: there is none). */
static char* arith_take_name(struct arith* a)
{
    size_t n = name_length(a->p);
    if (!n) {
        arith_fail(a, "syntax error");
        return NULL;
    }
    char* name = arena_strndup(a->p, n);
    a->p += n;
    return name;
}

/* A number, a variable (maybe assigned), a parenthesised expression, or a unary operator and its operand. */
static long arith_unary(struct arith* a, bool eval)
{
    arith_space(a);
    char c = *a->p;
    char* name;
    if ((c == '+' || c == '-') && a->p[1] == c) {
        a->p += 2;
        arith_space(a);
        if (!(name = arith_take_name(a)))
            return 0;
        long value = arith_variable(a, name) + (c == '+' ? 1 : -1);
        arith_store(name, value, eval);
        return value;
    }
    if (c && strchr("+-!~", c)) {
        a->p++;
        long value = arith_unary(a, eval);
        return c == '-' ? (long)(0 - (unsigned long)value) : c == '!' ? !value : c == '~' ? ~value : value;
    }
    if (c == '(') {
        a->p++;
        long value = arith_ternary(a, eval);
        arith_space(a);
        if (*a->p != ')')
            arith_fail(a, "missing )");
        else
            a->p++;
        return value;
    }
    if (isdigit((unsigned char)c)) {
        char* end;
        long value = strtol(a->p, &end, 0);
        a->p = end;
        if (isalnum((unsigned char)*end) || *end == '_')
            arith_fail(a, "bad number");
        return value;
    }
    name = arith_take_name(a);
    return name ? arith_name(a, name, eval) : 0;
}

/* Binary operators of at least precedence minimum, by precedence climbing; && and || skip what they do not need. */
static long arith_binary(struct arith* a, int minimum, bool eval)
{
    long left = arith_unary(a, eval);
    for (;;) {
        arith_space(a);
        const struct binop* op = binop_at(a->p);
        if (!op || op->precedence < minimum || a->error)
            return left;
        a->p += strlen(op->op);
        bool needed = strcmp(op->op, "&&") == 0 ? left != 0 : strcmp(op->op, "||") == 0 ? left == 0 : true;
        long right = arith_binary(a, op->precedence + 1, eval && needed);
        left = arith_apply(a, op->op, left, needed ? right : 0);
    }
}

static long arith_ternary(struct arith* a, bool eval)
{
    long condition = arith_binary(a, 1, eval);
    arith_space(a);
    if (*a->p != '?')
        return condition;
    a->p++;
    long yes = arith_ternary(a, eval && condition);
    arith_space(a);
    if (*a->p != ':') {
        arith_fail(a, "missing :");
        return 0;
    }
    a->p++;
    long no = arith_ternary(a, eval && !condition);
    return condition ? yes : no;
}

/* Evaluates the (expanded) expression text into *value; false after reporting an error. */
static bool arith_evaluate(const char* text, long* value)
{
    struct arith a = { .p = text };
    *value = 0;
    arith_space(&a);
    if (*a.p)
        *value = arith_ternary(&a, true);
    arith_space(&a);
    if (!a.error && *a.p)
        arith_fail(&a, "syntax error");
    if (a.error)
        complain("%s: arithmetic %s", text, a.error);
    return !a.error;
}

/* ---- redirections ---- */

/* A pipe holds at least this much: a body this long is written into one without blocking. */
#define HEREDOC_PIPE_MAX 512

/* fork, with stdout flushed first so that nothing buffered is written twice; -1 after reporting. */
static pid_t spawn(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        complain("fork: %s", strerror(errno));
    return pid;
}

/* The file descriptor a R_DUP target names (-1 for "-": close); -2 after reporting a bad one. */
static int dup_source(const char* target)
{
    if (strcmp(target, "-") == 0)
        return -1;
    char* end;
    long fd = strtol(target, &end, 10);
    if (!isdigit((unsigned char)target[0]) || *end || fd > INT32_MAX) {
        complain("%s: bad file descriptor number", target);
        return -2;
    }
    return (int)fd;
}

/* Opens the file of redirection r, named target; the descriptor, or -2 after reporting. */
static int open_target(const struct redirect* r, const char* target)
{
    int flags = r->kind == R_IN ? O_RDONLY : O_WRONLY | O_CREAT | (r->kind == R_APPEND ? O_APPEND : O_TRUNC);
    int fd = open(target, flags, 0666);
    if (fd < 0) {
        complain("%s: %s", target, strerror(errno));
        return -2;
    }
    return fd;
}

/*
 * A descriptor to read here-document r's body from (expanded unless its
 * delimiter was quoted): a pipe holding it when it fits, else an unlinked
 * file in /tmp; -2 after reporting.
 */
static int open_heredoc(const struct redirect* r)
{
    const char* body = r->quoted ? r->body : expand_heredoc(r->body);
    if (!body)
        return -2;
    size_t length = strlen(body);
    int fds[2];
    if (length <= HEREDOC_PIPE_MAX) {
        if (pipe(fds) < 0) {
            complain("pipe: %s", strerror(errno));
            return -2;
        }
        write(fds[1], body, length);
        close(fds[1]);
        return fds[0];
    }
    char path[64];
    static unsigned serial;
    mkdir("/tmp", 01777);
    snprintf(path, sizeof(path), "/tmp/sh-heredoc-%d-%u", (int)getpid(), serial++);
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        complain("%s: %s", path, strerror(errno));
        return -2;
    }
    unlink(path);
    if (write(fd, body, length) != (ssize_t)length || lseek(fd, 0, SEEK_SET) < 0) {
        complain("here-document: %s", strerror(errno));
        close(fd);
        return -2;
    }
    return fd;
}

/* Records in saved (struct saved_fd*) what fd is now, so that restore_fds can put it back. */
struct saved_fd {
    int fd;
    int copy; /* -1: fd was not open */
};
#define SAVED_FD_MIN 10

static void save_fd(struct vec* saved, int fd)
{
    struct saved_fd* s = arena_alloc(sizeof(*s));
    s->fd = fd;
    s->copy = fcntl(fd, F_DUPFD, SAVED_FD_MIN);
    if (s->copy >= 0)
        fcntl(s->copy, F_SETFD, FD_CLOEXEC);
    vec_push(saved, s);
}

/* Undoes the redirections recorded in saved, last first. */
static void restore_fds(struct vec* saved)
{
    for (size_t k = saved->count; k-- > 0;) {
        struct saved_fd* s = saved->items[k];
        if (s->copy < 0) {
            close(s->fd);
        } else {
            dup2(s->copy, s->fd);
            close(s->copy);
        }
    }
}

/* Applies redirection r (saving the descriptor's state in saved unless NULL); false after reporting. */
static bool apply_redirect(const struct redirect* r, struct vec* saved)
{
    struct vec fields = { 0 };
    if (r->kind == R_HEREDOC)
        vec_push(&fields, (char*)r->target);
    else if (!expand_word(r->target, &fields, EX_SPLIT))
        return false;
    if (fields.count != 1) {
        complain("%s: ambiguous redirect", r->target);
        return false;
    }
    const char* target = fields.items[0];
    if (saved)
        save_fd(saved, r->fd);
    int source = r->kind == R_DUP ? dup_source(target) : r->kind == R_HEREDOC ? open_heredoc(r) : open_target(r, target);
    if (source == -2)
        return false;
    if (source == -1) {
        close(r->fd);
        return true;
    }
    if (source == r->fd)
        return true;
    int rc = dup2(source, r->fd);
    int error = errno;
    if (r->kind != R_DUP)
        close(source);
    if (rc < 0) {
        complain("%d: %s", r->kind == R_DUP ? source : r->fd, strerror(error));
        return false;
    }
    return true;
}

/* Applies the redirections of cmd in order (see apply_redirect); false after reporting. */
static bool apply_redirects(struct node* cmd, struct vec* saved)
{
    for (size_t k = 0; k < cmd->redirects.count; k++)
        if (!apply_redirect(cmd->redirects.items[k], saved))
            return false;
    return true;
}


/* ---- jobs ---- */

/* A waitpid status as a shell status: the exit status, or 128 + the signal that killed or stopped it. */
static int status_code(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    if (WIFSTOPPED(status))
        return 128 + WSTOPSIG(status);
    return 1;
}

enum proc_state { P_RUNNING, P_STOPPED, P_DONE };

struct proc {
    pid_t pid;
    enum proc_state state;
    int status; /* the last waitpid status */
};

/* A pipeline or background list: its processes (malloc'ed, like the job). */
struct job {
    int id;       /* %id; 0 while it runs in the foreground and is not in the table */
    pid_t pgid;   /* its process group (its first process, also without job control) */
    struct proc* procs;
    size_t count;
    char* text;   /* the command, for jobs and messages */
    enum proc_state reported; /* the state last told of */
};

static struct job** jobs; /* the table: background and stopped jobs, oldest first */
static size_t job_count, job_capacity;
static bool job_control;  /* process groups and the terminal work: see setup_interactive */
static pid_t shell_pgid;
static struct termios shell_termios; /* the terminal's modes for commands */
static bool have_termios;

/* A job for the command text (length bytes), with no process yet. */
static struct job* job_new(const char* text, size_t length)
{
    struct job* job = xrealloc(NULL, sizeof(*job));
    memset(job, 0, sizeof(*job));
    job->text = xrealloc(NULL, length + 1);
    for (size_t k = 0; k < length; k++)
        job->text[k] = text[k] == '\n' ? ' ' : text[k];
    job->text[length] = '\0';
    return job;
}

static void job_free(struct job* job)
{
    free(job->procs);
    free(job->text);
    free(job);
}

/* Puts job in the table with the next free number. */
static void job_add(struct job* job)
{
    job->id = job_count ? jobs[job_count - 1]->id + 1 : 1;
    if (job_count == job_capacity) {
        job_capacity = job_capacity ? job_capacity * 2 : 8;
        jobs = xrealloc(jobs, job_capacity * sizeof(*jobs));
    }
    jobs[job_count++] = job;
}

/* Takes job out of the table (if there) and frees it. */
static void job_remove(struct job* job)
{
    for (size_t k = 0; k < job_count; k++) {
        if (jobs[k] == job) {
            memmove(jobs + k, jobs + k + 1, (job_count - k - 1) * sizeof(*jobs));
            job_count--;
            break;
        }
    }
    job_free(job);
}

/* Running while any process runs, stopped while any is stopped, else done. */
static enum proc_state job_state(const struct job* job)
{
    enum proc_state state = P_DONE;
    for (size_t k = 0; k < job->count; k++) {
        if (job->procs[k].state == P_RUNNING)
            return P_RUNNING;
        if (job->procs[k].state == P_STOPPED)
            state = P_STOPPED;
    }
    return state;
}

/* The job's status: its last process's, or the stop signal's while it is stopped. */
static int job_status(const struct job* job)
{
    for (size_t k = 0; k < job->count; k++)
        if (job->procs[k].state == P_STOPPED)
            return status_code(job->procs[k].status);
    return job->count ? status_code(job->procs[job->count - 1].status) : 1;
}

/* Records waitpid's status for pid if it is a process of job; whether it is. */
static bool proc_update(struct job* job, pid_t pid, int status)
{
    for (size_t k = 0; k < job->count; k++) {
        struct proc* p = &job->procs[k];
        if (p->pid != pid)
            continue;
        p->state = WIFSTOPPED(status) ? P_STOPPED : WIFCONTINUED(status) ? P_RUNNING : P_DONE;
        if (!WIFCONTINUED(status))
            p->status = status;
        return true;
    }
    return false;
}

/* Records waitpid's status for pid in the job of the table it belongs to. */
static void job_update(pid_t pid, int status)
{
    for (size_t j = 0; j < job_count; j++)
        if (proc_update(jobs[j], pid, status))
            return;
}

/* Resets, in a child of the shell, what belongs to the interactive shell only (signals, jobs, terminal). */
static void become_subshell(void);

/*
 * Forks a process of job: in the child (0) it is in the job's group, which
 * gets the terminal when foreground; in the shell, its pid (-1 after
 * reporting).
 */
static pid_t fork_member(struct job* job, bool foreground)
{
    pid_t pid = spawn();
    if (pid < 0)
        return pid;
    if (pid == 0) {
        if (job_control) {
            pid_t pgid = job->pgid ? job->pgid : getpid();
            setpgid(0, pgid);
            if (foreground)
                tcsetpgrp(0, pgid);
        }
        become_subshell();
        return 0;
    }
    if (!job->pgid)
        job->pgid = pid;
    if (job_control)
        setpgid(pid, job->pgid); /* also here: whichever of the two runs first, the group exists before exec */
    job->procs = xrealloc(job->procs, (job->count + 1) * sizeof(*job->procs));
    job->procs[job->count++] = (struct proc) { .pid = pid, .state = P_RUNNING };
    return pid;
}

static const char* state_name(const struct job* job)
{
    static char text[32];
    enum proc_state state = job_state(job);
    int status = job_status(job);
    if (state == P_RUNNING)
        return "Running";
    if (state == P_STOPPED)
        return "Stopped";
    if (status == 0)
        return "Done";
    if (status > 128)
        return strsignal(status - 128);
    snprintf(text, sizeof(text), "Exit %d", status);
    return text;
}

/* "[n]+  State  command" on out: the table's last job is the current one (+), the one before it the previous (-). */
static void report_job(FILE* out, const struct job* job)
{
    char mark = job_count && jobs[job_count - 1] == job ? '+' : job_count > 1 && jobs[job_count - 2] == job ? '-' : ' ';
    fprintf(out, "[%d]%c  %-8s %s\n", job->id, mark, state_name(job), job->text);
}

/*
 * Waits for the foreground job until it ends or stops, with the terminal
 * given to it meanwhile; a stopped job goes into the table. Its status.
 */
static int wait_job(struct job* job)
{
    if (job_control)
        tcsetpgrp(0, job->pgid);
    for (size_t k = 0; k < job->count; k++) {
        struct proc* p = &job->procs[k];
        while (p->state == P_RUNNING) {
            int status;
            pid_t got = waitpid(p->pid, &status, WUNTRACED);
            if (got == p->pid)
                proc_update(job, got, status);
            else if (got < 0 && errno != EINTR)
                *p = (struct proc) { .pid = p->pid, .state = P_DONE, .status = 1 << 8 };
        }
    }
    if (job_control) {
        tcsetpgrp(0, shell_pgid);
        if (have_termios && job_state(job) == P_STOPPED)
            tcsetattr(0, TCSADRAIN, &shell_termios);
        else if (have_termios)
            tcgetattr(0, &shell_termios); /* what the command set (stty) stays */
    }
    for (size_t k = 0; k < job->count; k++) {
        int status = job->procs[k].status;
        if (job->procs[k].state != P_DONE || !WIFSIGNALED(status) || WTERMSIG(status) == SIGPIPE)
            continue;
        if (WTERMSIG(status) != SIGINT)
            complain("process %d: %s", (int)job->procs[k].pid, strsignal(WTERMSIG(status)));
        else if (interactive && k + 1 == job->count)
            fputc('\n', stderr); /* the prompt goes on the line after the ^C */
    }
    int status = job_status(job);
    if (job_state(job) == P_STOPPED) {
        if (!job->id)
            job_add(job);
        fputc('\n', stderr);
        report_job(stderr, job);
        job->reported = P_STOPPED;
    } else if (job->id) {
        job_remove(job);
    } else {
        job_free(job);
    }
    return status;
}

/* Collects, without waiting, what happened to the jobs of the table. */
static void reap_jobs(void)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG | WUNTRACED | WCONTINUED)) > 0)
        job_update(pid, status);
}

/* Interactive shells, before a prompt: tells of the jobs that stopped or ended since, and forgets the ended ones. */
static void notify_jobs(void)
{
    reap_jobs();
    for (size_t k = 0; k < job_count; k++) {
        struct job* job = jobs[k];
        enum proc_state state = job_state(job);
        if (state == job->reported)
            continue;
        report_job(stderr, job);
        job->reported = state;
        if (state == P_DONE) {
            job_remove(job);
            k--;
        }
    }
}

/* The job spec names (%n, %%, %+, %-, %prefix of its command; NULL: the current job), or NULL. */
static struct job* lookup_job(const char* spec)
{
    if (job_count == 0)
        return NULL;
    if (!spec || strcmp(spec, "%%") == 0 || strcmp(spec, "%+") == 0 || strcmp(spec, "%") == 0)
        return jobs[job_count - 1];
    if (strcmp(spec, "%-") == 0)
        return jobs[job_count > 1 ? job_count - 2 : 0];
    for (size_t k = 0; k < job_count; k++) {
        bool numbered = spec[0] == '%' && isdigit((unsigned char)spec[1]);
        bool prefix = !numbered && spec[0] == '%' && strncmp(jobs[k]->text, spec + 1, strlen(spec + 1)) == 0;
        if ((numbered && jobs[k]->id == atoi(spec + 1)) || prefix)
            return jobs[k];
    }
    return NULL;
}

/* lookup_job, reporting (for the builtin who) when there is no such job. */
static struct job* find_job(const char* who, const char* spec)
{
    struct job* job = lookup_job(spec);
    if (!job && job_count == 0)
        complain("%s: no current job", who);
    else if (!job)
        complain("%s: %s: no such job", who, spec);
    return job;
}

/* Sends SIGCONT to job's group (each process without job control) and marks it running. */
static void continue_job(struct job* job)
{
    if (kill(-job->pgid, SIGCONT) < 0)
        for (size_t k = 0; k < job->count; k++)
            kill(job->procs[k].pid, SIGCONT);
    for (size_t k = 0; k < job->count; k++)
        if (job->procs[k].state == P_STOPPED)
            job->procs[k].state = P_RUNNING;
    job->reported = P_RUNNING;
}

/* ---- shell state: options, control flow, functions, traps ---- */

static bool errexit, xtrace;    /* set -e, set -x */
static int condition_depth;      /* > 0 while running a condition, where set -e does not apply */
enum jump { J_NONE, J_BREAK, J_CONTINUE, J_RETURN };
static enum jump jump;           /* break, continue or return under way */
static int jump_count;           /* loops break or continue leaves */
static int loop_depth, function_depth;

static struct table functions; /* each one's value is its body: the compound command's text, parsed at each call */

/* Replaces the positional parameters by copies of the count strings at values. */
static void set_positional(char* const* values, int count)
{
    char** fresh = xrealloc(NULL, (size_t)(count + 1) * sizeof(char*));
    for (int k = 0; k < count; k++)
        fresh[k] = xstrdup(values[k]);
    fresh[count] = NULL;
    for (int k = 0; k < positional_count; k++)
        free(positional[k]);
    free(positional);
    positional = fresh;
    positional_count = count;
}

/* Positional parameters put aside while a function or sourced file has its own. */
struct params {
    char** values;
    int count;
};

/* Sets the positional parameters to copies of values, giving back the ones they replace. */
static struct params push_positional(char* const* values, int count)
{
    struct params saved = { positional, positional_count };
    positional = NULL;
    positional_count = 0;
    set_positional(values, count);
    return saved;
}

static void pop_positional(struct params saved)
{
    set_positional(NULL, 0);
    free(positional);
    positional = saved.values;
    positional_count = saved.count;
}

/* The signals an interactive shell ignores, and its children get back. */
static const int interactive_ignored[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU };

static bool is_interactive_ignored(int sig)
{
    for (size_t k = 0; k < sizeof(interactive_ignored) / sizeof(interactive_ignored[0]); k++)
        if (interactive_ignored[k] == sig)
            return true;
    return false;
}

/* trap: the command of each signal (NULL: the default action, "": ignored); 0 is EXIT. */
static char* traps[NSIG];
static volatile sig_atomic_t trap_pending[NSIG];
static volatile sig_atomic_t any_trap_pending;

/* The handler of trapped signals: the command runs between commands (run_traps). */
static void on_trapped_signal(int sig)
{
    trap_pending[sig] = 1;
    any_trap_pending = 1;
}

static void set_disposition(int sig, void (*handler)(int))
{
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    sigaction(sig, &action, NULL);
}

/* Sets signal sig's trap (command NULL: back to the default, which an interactive shell ignores for its own). */
static void set_trap(int sig, const char* command)
{
    free(traps[sig]);
    traps[sig] = command ? xstrdup(command) : NULL;
    if (sig == 0)
        return;
    if (!command)
        set_disposition(sig, interactive && is_interactive_ignored(sig) ? SIG_IGN : SIG_DFL);
    else
        set_disposition(sig, *command ? on_trapped_signal : SIG_IGN);
}

static int run_text(const char* text);

/* Runs the commands of the traps whose signals arrived, keeping $?. */
static void run_traps(void)
{
    if (!any_trap_pending)
        return;
    any_trap_pending = 0;
    for (int sig = 1; sig < NSIG; sig++) {
        if (!trap_pending[sig])
            continue;
        trap_pending[sig] = 0;
        if (traps[sig] && *traps[sig]) {
            int saved = last_status;
            run_text(traps[sig]);
            last_status = saved;
        }
    }
}

/* Puts the terminal back as the shell found it (or as the last command left it). */
static void restore_terminal(void)
{
    if (have_termios)
        tcsetattr(0, TCSADRAIN, &shell_termios);
}

/* Ends the shell with status: the EXIT trap first, then the terminal restored. */
static __attribute__((noreturn)) void shell_exit(int status)
{
    char* on_exit = traps[0];
    if (on_exit) {
        traps[0] = NULL;
        last_status = status;
        run_text(on_exit);
    }
    restore_terminal();
    fflush(stdout);
    exit(status);
}

static void become_subshell(void)
{
    if (interactive)
        for (size_t k = 0; k < sizeof(interactive_ignored) / sizeof(interactive_ignored[0]); k++)
            if (!traps[interactive_ignored[k]])
                set_disposition(interactive_ignored[k], SIG_DFL);
    interactive = job_control = have_termios = false;
    job_count = 0; /* the shell's children are not this one's */
    for (int sig = 0; sig < NSIG; sig++)
        if (traps[sig] && *traps[sig])
            set_trap(sig, NULL);
}

/* ---- builtins ---- */

static int builtin_cd(int argc, char** argv)
{
    if (argc > 2) {
        complain("cd: too many arguments");
        return 1;
    }
    const char* dir = argc > 1 ? argv[1] : get_var("HOME");
    if (!dir || !*dir)
        dir = "/";
    if (chdir(dir) < 0) {
        complain("cd: %s: %s", dir, strerror(errno));
        return 1;
    }
    char* cwd = getcwd(NULL, 0);
    if (cwd)
        set_var("PWD", cwd);
    free(cwd);
    return 0;
}

static int builtin_pwd(int argc, char** argv)
{
    (void)argc, (void)argv;
    char* cwd = getcwd(NULL, 0);
    if (!cwd) {
        complain("pwd: %s", strerror(errno));
        return 1;
    }
    printf("%s\n", cwd);
    free(cwd);
    return 0;
}

static int builtin_exit(int argc, char** argv)
{
    if (argc > 2) {
        complain("exit: too many arguments");
        return 1;
    }
    int status = last_status;
    if (argc == 2) {
        char* end;
        long n = strtol(argv[1], &end, 10);
        if (!*argv[1] || *end) {
            complain("exit: %s: numeric argument required", argv[1]);
            n = 2;
        }
        status = (int)(n & 0xff);
    }
    shell_exit(status);
}

/* export NAME=value, export NAME (a shell variable into the environment); none: the environment. */
static int builtin_export(int argc, char** argv)
{
    extern char** environ;
    if (argc == 1) {
        for (char** e = environ; e && *e; e++)
            printf("export %s\n", *e);
        return 0;
    }
    int status = 0;
    for (int k = 1; k < argc; k++) {
        char* equals = strchr(argv[k], '=');
        char* name = equals ? arena_strndup(argv[k], (size_t)(equals - argv[k])) : argv[k];
        if (!is_name(name)) {
            complain("export: %s: not a valid name", argv[k]);
            status = 1;
            continue;
        }
        const char* value = equals ? equals + 1 : get_var(name);
        if (value && !export_var(name, value))
            status = 1;
    }
    return status;
}

/* unset [-f|-v] NAME...: variables (-f: functions). */
static int builtin_unset(int argc, char** argv)
{
    int status = 0, k = 1;
    bool function = false;
    if (k < argc && (strcmp(argv[k], "-f") == 0 || strcmp(argv[k], "-v") == 0))
        function = argv[k++][1] == 'f';
    for (; k < argc; k++) {
        if (!is_name(argv[k])) {
            complain("unset: %s: not a valid name", argv[k]);
            status = 1;
        } else if (function) {
            table_remove(&functions, argv[k]);
        } else {
            table_remove(&locals, argv[k]);
            unsetenv(argv[k]);
        }
    }
    return status;
}

/* Waits for every process of job and takes it out of the table; its status. */
static int wait_all_of(struct job* job)
{
    for (size_t k = 0; k < job->count; k++) {
        struct proc* p = &job->procs[k];
        int status;
        while (p->state != P_DONE) {
            pid_t got = waitpid(p->pid, &status, 0);
            if (got == p->pid)
                proc_update(job, got, status);
            else if (got < 0 && errno != EINTR)
                *p = (struct proc) { .pid = p->pid, .state = P_DONE, .status = 127 << 8 };
        }
    }
    int status = job_status(job);
    job_remove(job);
    return status;
}

/* The job of the table with process pid, or NULL. */
static struct job* job_of_pid(pid_t pid)
{
    for (size_t j = 0; j < job_count; j++)
        for (size_t k = 0; k < jobs[j]->count; k++)
            if (jobs[j]->procs[k].pid == pid)
                return jobs[j];
    return NULL;
}

/* wait [pid|%job...]: waits for those (none: every job); the status of the last one. */
static int builtin_wait(int argc, char** argv)
{
    if (argc == 1) {
        while (job_count)
            wait_all_of(jobs[0]);
        return 0;
    }
    int status = 0;
    for (int k = 1; k < argc; k++) {
        struct job* job;
        if (argv[k][0] == '%') {
            job = find_job("wait", argv[k]);
            status = job ? wait_all_of(job) : 127;
            continue;
        }
        char* end;
        long pid = strtol(argv[k], &end, 10);
        if (!*argv[k] || *end || pid <= 0) {
            complain("wait: %s: not a process id", argv[k]);
            status = 2;
        } else if ((job = job_of_pid((pid_t)pid))) {
            status = wait_all_of(job);
        } else {
            complain("wait: %s: not a child of this shell", argv[k]);
            status = 127;
        }
    }
    return status;
}

static int builtin_true(int argc, char** argv)
{
    (void)argc, (void)argv;
    return 0;
}

static int builtin_false(int argc, char** argv)
{
    (void)argc, (void)argv;
    return 1;
}

/* shift [n]: drops the first n (1) positional parameters. */
static int builtin_shift(int argc, char** argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1;
    if (n < 0 || n > positional_count) {
        complain("shift: %s: shift count out of range", argc > 1 ? argv[1] : "1");
        return 1;
    }
    set_positional(positional + n, positional_count - n);
    return 0;
}

/* set [-ex] [+ex] [--] [arg...]: options, and the positional parameters when there are args or --. */
static int builtin_set(int argc, char** argv)
{
    int k = 1;
    if (argc == 1) {
        for (size_t v = 0; v < locals.count; v++)
            printf("%s='%s'\n", locals.items[v].name, locals.items[v].value);
        return 0;
    }
    for (; k < argc && (argv[k][0] == '-' || argv[k][0] == '+') && argv[k][1]; k++) {
        if (strcmp(argv[k], "--") == 0) {
            k++;
            set_positional(argv + k, argc - k);
            return 0;
        }
        for (const char* o = argv[k] + 1; *o; o++) {
            bool on = argv[k][0] == '-';
            if (*o == 'e')
                errexit = on;
            else if (*o == 'x')
                xtrace = on;
            else {
                complain("set: -%c: unknown option", *o);
                return 2;
            }
        }
    }
    if (k < argc)
        set_positional(argv + k, argc - k);
    return 0;
}

/* Reads one byte from fd into *c, retrying after EINTR: 1, 0 at the end, -1 after reporting an error. */
static int read_byte(int fd, unsigned char* c)
{
    for (;;) {
        ssize_t n = read(fd, c, 1);
        if (n >= 0)
            return (int)n;
        if (errno != EINTR) {
            complain("read: %s", strerror(errno));
            return -1;
        }
        run_traps();
    }
}

/* The next field of *p for read: up to a character of ifs, leading IFS blanks skipped; the rest when last. */
static char* read_field(char** p, const char* ifs, bool last)
{
    while (**p && strchr(ifs, **p) && is_ifs_space(**p))
        (*p)++;
    char* start = *p;
    if (last) {
        char* end = start + strlen(start);
        while (end > start && strchr(ifs, end[-1]) && is_ifs_space(end[-1]))
            end--;
        *end = '\0';
        *p = end;
        return start;
    }
    while (**p && !strchr(ifs, **p))
        (*p)++;
    if (**p)
        *(*p)++ = '\0';
    return start;
}

/* read [-r] [NAME...]: a line of standard input split at $IFS into the names (none: REPLY); 1 at the end of input. */
static int builtin_read(int argc, char** argv)
{
    int k = 1;
    bool raw = k < argc && strcmp(argv[k], "-r") == 0;
    k += raw;
    struct str line = { 0 };
    str_append(&line, "", 0);
    unsigned char c;
    int got;
    while ((got = read_byte(0, &c)) > 0 && c != '\n') {
        if (c == '\\' && !raw) {
            if ((got = read_byte(0, &c)) <= 0)
                break;
            if (c == '\n')
                continue;
        }
        str_push(&line, (char)c);
    }
    const char* ifs = get_var("IFS");
    if (!ifs)
        ifs = " \t\n";
    char* p = line.data;
    if (k == argc)
        set_var("REPLY", line.data);
    for (; k < argc; k++)
        set_var(argv[k], read_field(&p, ifs, k + 1 == argc));
    return got > 0 ? 0 : 1;
}

/* eval [arg...]: runs the arguments joined by spaces. */
static int builtin_eval(int argc, char** argv)
{
    struct str text = { 0 };
    str_append(&text, "", 0);
    for (int k = 1; k < argc; k++) {
        if (k > 1)
            str_push(&text, ' ');
        str_append(&text, argv[k], strlen(argv[k]));
    }
    return run_text(text.data);
}

static int run_file(const char* path);

/* The directories of $PATH (default /bin:/usr/bin; an empty entry is "."), in the arena, NULL-terminated. */
static char** path_dirs(void)
{
    const char* path = get_var("PATH");
    if (!path)
        path = "/bin:/usr/bin";
    struct vec dirs = { 0 };
    for (;;) {
        size_t length = strcspn(path, ":");
        vec_push(&dirs, length ? arena_strndup(path, length) : ".");
        if (!path[length])
            break;
        path += length + 1;
    }
    vec_push(&dirs, NULL);
    return (char**)dirs.items;
}

/* The path of command name through $PATH, or NULL; a name with a / is itself. */
static char* find_in_path(const char* name)
{
    if (strchr(name, '/'))
        return access(name, X_OK) == 0 ? (char*)name : NULL;
    for (char** dir = path_dirs(); *dir; dir++) {
        char* candidate = concat(concat(*dir, "/"), name);
        struct stat st;
        if (access(candidate, X_OK) == 0 && stat(candidate, &st) == 0 && !S_ISDIR(st.st_mode))
            return candidate;
    }
    return NULL;
}

/* source file [arg...], . file [arg...]: runs file's commands here (a name without / is looked up in $PATH, else taken as is). */
static int builtin_source(int argc, char** argv)
{
    if (argc < 2) {
        complain("%s: a file name is needed", argv[0]);
        return 2;
    }
    char* path = strchr(argv[1], '/') ? argv[1] : find_in_path(argv[1]);
    if (!path)
        path = argv[1];
    struct params saved = { positional, positional_count };
    if (argc > 2)
        saved = push_positional(argv + 2, argc - 2);
    function_depth++;
    int status = run_file(path);
    function_depth--;
    if (jump == J_RETURN)
        jump = J_NONE;
    if (argc > 2)
        pop_positional(saved);
    return status;
}

/* break [n], continue [n]: leave (or go on with) the n-th enclosing loop. */
static int builtin_loop_jump(int argc, char** argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1;
    if (n < 1) {
        complain("%s: %s: loop count out of range", argv[0], argv[1]);
        return 1;
    }
    if (loop_depth == 0)
        return 0;
    jump = argv[0][0] == 'b' ? J_BREAK : J_CONTINUE;
    jump_count = n < loop_depth ? n : loop_depth;
    return 0;
}

/* return [n]: leaves the function (or sourced file) with status n, else $?. */
static int builtin_return(int argc, char** argv)
{
    if (function_depth == 0) {
        complain("return: not in a function");
        return 1;
    }
    jump = J_RETURN;
    return argc > 1 ? atoi(argv[1]) & 0xff : last_status;
}

/* The signal spec names: EXIT or 0, a name with or without SIG, or a number; -1 if none. */
static int trap_signal(const char* spec)
{
    if (strcmp(spec, "EXIT") == 0 || strcmp(spec, "0") == 0)
        return 0;
    return signal_number(spec);
}

/* trap: lists the traps; trap command sig...: sets them ("" ignores); trap - sig... (or trap sig...): back to the default. */
static int builtin_trap(int argc, char** argv)
{
    if (argc == 1) {
        for (int sig = 0; sig < NSIG; sig++)
            if (traps[sig])
                printf("trap -- '%s' %s\n", traps[sig], sig ? signal_name(sig) : "EXIT");
        return 0;
    }
    int k = 1;
    const char* command = argv[1];
    if (strcmp(command, "-") == 0 || trap_signal(command) >= 0) {
        command = NULL;
        k += strcmp(argv[1], "-") == 0;
    } else {
        k++;
    }
    int status = 0;
    for (; k < argc; k++) {
        int sig = trap_signal(argv[k]);
        if (sig < 0 || sig == SIGKILL || sig == SIGSTOP) {
            complain("trap: %s: bad signal", argv[k]);
            status = 1;
            continue;
        }
        set_trap(sig, command);
    }
    return status;
}

static int builtin_jobs(int argc, char** argv)
{
    (void)argc, (void)argv;
    reap_jobs();
    for (size_t k = 0; k < job_count; k++) {
        struct job* job = jobs[k];
        report_job(stdout, job);
        job->reported = job_state(job);
        if (job->reported == P_DONE) {
            job_remove(job);
            k--;
        }
    }
    return 0;
}

/* fg [%job]: continues the job in the foreground and waits for it. */
static int builtin_fg(int argc, char** argv)
{
    struct job* job = find_job("fg", argc > 1 ? argv[1] : NULL);
    if (!job)
        return 1;
    fprintf(stderr, "%s\n", job->text);
    if (have_termios)
        tcsetattr(0, TCSADRAIN, &shell_termios);
    continue_job(job);
    return wait_job(job);
}

/* bg [%job]: continues the stopped job in the background. */
static int builtin_bg(int argc, char** argv)
{
    struct job* job = find_job("bg", argc > 1 ? argv[1] : NULL);
    if (!job)
        return 1;
    continue_job(job);
    fprintf(stderr, "[%d]+ %s &\n", job->id, job->text);
    return 0;
}

/* For kill: the process group of job spec (as a negative pid), or 0 after reporting. */
static pid_t job_target(const char* spec)
{
    struct job* job = find_job("kill", spec);
    return job ? -job->pgid : 0;
}

/* kill, also of %jobs; a stopped job is continued after, so that it gets the signal (as it would at fg). */
static int builtin_kill(int argc, char** argv)
{
    fflush(stdout);
    int status = kill_main(argc, argv, job_target);
    for (int k = 1; k < argc; k++) {
        struct job* job = argv[k][0] == '%' ? lookup_job(argv[k]) : NULL;
        if (job && job_state(job) == P_STOPPED)
            continue_job(job);
    }
    return status;
}

/* ---- test and [ ---- */

struct test {
    char** argv;
    int argc, pos;
    bool error;
};

static bool test_or(struct test* t);

static bool is_binary_test(const char* op)
{
    static const char* const ops[] = { "=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot" };
    for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
        if (strcmp(op, ops[k]) == 0)
            return true;
    return false;
}

static long test_integer(struct test* t, const char* text)
{
    long value;
    if (!parse_number(text, &value)) {
        complain("test: %s: integer expression expected", text);
        t->error = true;
    }
    return value;
}

static bool test_binary(struct test* t, const char* a, const char* op, const char* b)
{
    if (op[0] != '-')
        return op[0] == '<' ? strcmp(a, b) < 0 : op[0] == '>' ? strcmp(a, b) > 0 : (strcmp(a, b) == 0) == (op[0] != '!');
    if (strcmp(op, "-nt") == 0 || strcmp(op, "-ot") == 0) {
        struct stat sa, sb;
        bool ha = stat(a, &sa) == 0, hb = stat(b, &sb) == 0;
        return op[1] == 'n' ? ha && (!hb || sa.st_mtime > sb.st_mtime) : hb && (!ha || sa.st_mtime < sb.st_mtime);
    }
    long l = test_integer(t, a), r = test_integer(t, b);
    if (strcmp(op, "-eq") == 0)
        return l == r;
    if (strcmp(op, "-ne") == 0)
        return l != r;
    if (strcmp(op, "-lt") == 0)
        return l < r;
    if (strcmp(op, "-le") == 0)
        return l <= r;
    if (strcmp(op, "-gt") == 0)
        return l > r;
    return l >= r;
}

/* -X operand for the unary file and string tests; false with *known false when op is not one. */
static bool test_unary(const char* op, const char* operand, bool* known)
{
    struct stat st;
    *known = true;
    if (op[0] != '-' || !op[1] || op[2] || !strchr("bcdefghLprsSuwxnzt", op[1])) {
        *known = false;
        return false;
    }
    switch (op[1]) {
    case 'n': return *operand != '\0';
    case 'z': return *operand == '\0';
    case 't': return isatty(atoi(operand));
    case 'r': return access(operand, R_OK) == 0;
    case 'w': return access(operand, W_OK) == 0;
    case 'x': return access(operand, X_OK) == 0;
    case 'h':
    case 'L': return lstat(operand, &st) == 0 && S_ISLNK(st.st_mode);
    }
    if (stat(operand, &st) < 0)
        return false;
    switch (op[1]) {
    case 'b': return S_ISBLK(st.st_mode);
    case 'c': return S_ISCHR(st.st_mode);
    case 'd': return S_ISDIR(st.st_mode);
    case 'f': return S_ISREG(st.st_mode);
    case 'g': return (st.st_mode & S_ISGID) != 0;
    case 'u': return (st.st_mode & S_ISUID) != 0;
    case 'p': return S_ISFIFO(st.st_mode);
    case 's': return st.st_size > 0;
    case 'S': return S_ISSOCK(st.st_mode);
    default: return true;
    }
}

/* primary := '(' expr ')' | word binop word | unop word | word */
static bool test_primary(struct test* t)
{
    if (t->pos >= t->argc) {
        complain("test: argument expected");
        t->error = true;
        return false;
    }
    char** a = t->argv + t->pos;
    int left = t->argc - t->pos;
    if (left >= 3 && is_binary_test(a[1])) {
        t->pos += 3;
        return test_binary(t, a[0], a[1], a[2]);
    }
    if (strcmp(a[0], "(") == 0 && left >= 2) {
        t->pos++;
        bool value = test_or(t);
        if (t->pos >= t->argc || strcmp(t->argv[t->pos], ")") != 0) {
            complain("test: ) expected");
            t->error = true;
        }
        t->pos++;
        return value;
    }
    bool known;
    if (left >= 2) {
        bool value = test_unary(a[0], a[1], &known);
        if (known) {
            t->pos += 2;
            return value;
        }
    }
    t->pos++;
    return *a[0] != '\0';
}

static bool test_not(struct test* t)
{
    if (t->pos + 1 < t->argc && strcmp(t->argv[t->pos], "!") == 0 && !(t->pos + 2 < t->argc && is_binary_test(t->argv[t->pos + 1]))) {
        t->pos++;
        return !test_not(t);
    }
    return test_primary(t);
}

static bool test_and(struct test* t)
{
    bool value = test_not(t);
    while (t->pos < t->argc && strcmp(t->argv[t->pos], "-a") == 0) {
        t->pos++;
        value = test_not(t) && value;
    }
    return value;
}

static bool test_or(struct test* t)
{
    bool value = test_and(t);
    while (t->pos < t->argc && strcmp(t->argv[t->pos], "-o") == 0) {
        t->pos++;
        value = test_and(t) || value;
    }
    return value;
}

/* test expr, [ expr ]: 0 when true, 1 when false, 2 after an error. */
static int builtin_test(int argc, char** argv)
{
    if (strcmp(argv[0], "[") == 0) {
        if (strcmp(argv[argc - 1], "]") != 0) {
            complain("[: missing ]");
            return 2;
        }
        argc--;
    }
    struct test t = { .argv = argv + 1, .argc = argc - 1 };
    if (t.argc == 0)
        return 1;
    bool value = test_or(&t);
    if (!t.error && t.pos < t.argc) {
        complain("test: %s: unexpected argument", t.argv[t.pos]);
        t.error = true;
    }
    return t.error ? 2 : !value;
}

static const struct builtin* find_builtin(const char* name);

/* type name..., command -v name...: what each name runs (a builtin, a function, a path). */
static int describe_commands(int argc, char** argv, bool brief)
{
    int status = 0;
    for (int k = 1 + brief; k < argc; k++) {
        const char* name = argv[k];
        char* path;
        if (find_builtin(name) || table_find(&functions, name))
            brief ? printf("%s\n", name) : printf("%s is a shell %s\n", name, table_find(&functions, name) ? "function" : "builtin");
        else if ((path = find_in_path(name)))
            brief ? printf("%s\n", path) : printf("%s is %s\n", name, path);
        else {
            if (!brief)
                complain("type: %s: not found", name);
            status = 1;
        }
    }
    return status;
}

static int builtin_type(int argc, char** argv)
{
    return describe_commands(argc, argv, false);
}

static int run_command_words(int argc, char** argv, bool with_functions);

/* command -v name...: as type, briefly; command name [arg...]: runs it, not as a function. */
static int builtin_command(int argc, char** argv)
{
    if (argc > 1 && strcmp(argv[1], "-v") == 0)
        return describe_commands(argc, argv, true);
    return argc > 1 ? run_command_words(argc - 1, argv + 1, false) : 0;
}

struct builtin {
    const char* name;
    int (*run)(int argc, char** argv);
};

static int builtin_exec(int argc, char** argv);

static const struct builtin builtins[] = {
    { ":", builtin_true }, { ".", builtin_source }, { "[", builtin_test }, { "bg", builtin_bg },
    { "break", builtin_loop_jump }, { "cd", builtin_cd }, { "command", builtin_command },
    { "continue", builtin_loop_jump }, { "eval", builtin_eval }, { "exec", builtin_exec },
    { "exit", builtin_exit }, { "export", builtin_export }, { "false", builtin_false }, { "fg", builtin_fg },
    { "jobs", builtin_jobs }, { "kill", builtin_kill }, { "pwd", builtin_pwd }, { "read", builtin_read },
    { "return", builtin_return }, { "set", builtin_set }, { "shift", builtin_shift },
    { "source", builtin_source }, { "test", builtin_test }, { "trap", builtin_trap }, { "true", builtin_true },
    { "type", builtin_type }, { "unset", builtin_unset }, { "wait", builtin_wait },
};

static const struct builtin* find_builtin(const char* name)
{
    for (size_t k = 0; k < sizeof(builtins) / sizeof(builtins[0]); k++)
        if (strcmp(builtins[k].name, name) == 0)
            return &builtins[k];
    return NULL;
}

/* ---- simple commands, pipelines, lists ---- */

static int run_node(struct node* n, bool forked);

static int last_substitution; /* the status of the last command substitution: a command of assignments alone gives it */

/* An assignment NAME=value, expanded. */
struct assignment {
    char* name;
    char* value;
};

/*
 * Expands cmd's assignments into out (struct assignment*), each one after
 * the one before it has been set when apply is set (alone or before a
 * builtin or function: A=1 B=$A makes B 1). False after reporting an error.
 */
static bool expand_assignments(struct node* cmd, struct vec* out, bool apply)
{
    for (size_t k = 0; k < cmd->assignments.count; k++) {
        const char* raw = cmd->assignments.items[k];
        size_t length = name_length(raw);
        struct assignment* a = arena_alloc(sizeof(*a));
        a->name = arena_strndup(raw, length);
        a->value = expand_string(raw + length + 1);
        if (!a->value)
            return false;
        if (apply)
            set_var(a->name, a->value);
        vec_push(out, a);
    }
    return true;
}

/*
 * In a child: applies cmd's redirections (cmd may be NULL), puts the
 * assignments in the environment and executes argv; never returns (127:
 * not found, 126: could not execute, 1: a redirection failed).
 */
static __attribute__((noreturn)) void exec_command(struct node* cmd, char** argv, struct vec* assignments)
{
    if (cmd && !apply_redirects(cmd, NULL))
        exit(1);
    for (size_t k = 0; assignments && k < assignments->count; k++) {
        struct assignment* a = assignments->items[k];
        if (setenv(a->name, a->value, 1) < 0) {
            complain("%s: %s", a->name, strerror(errno));
            exit(126);
        }
    }
    execvp(argv[0], argv);
    int error = errno;
    if (error == ENOENT) {
        complain("%s: not found", argv[0]);
        exit(127);
    }
    complain("%s: %s", argv[0], strerror(error));
    exit(126);
}

/* exec [command [arg...]]: the command replaces the shell (the terminal put back first); none: status 0. */
static int exec_command_or_not(int argc, char** argv, struct vec* assignments)
{
    if (argc == 1)
        return 0;
    restore_terminal();
    exec_command(NULL, argv + 1, assignments);
}

static int builtin_exec(int argc, char** argv)
{
    return exec_command_or_not(argc, argv, NULL);
}

/* Runs argv[0] as a function with the arguments as its positional parameters. */
static int call_function(const struct variable* f, int argc, char** argv)
{
    struct params saved = push_positional(argv + 1, argc - 1);
    char* body = xstrdup(f->value); /* the function may define itself again while it runs */
    function_depth++;
    int status = run_text(body);
    function_depth--;
    free(body);
    if (jump == J_RETURN)
        jump = J_NONE;
    pop_positional(saved);
    return status;
}

/* Runs a program in a child of the shell (a foreground job) and waits for it. */
static int run_program(struct node* cmd, char** argv, struct vec* assignments, const char* text, size_t length)
{
    struct job* job = job_new(text, length);
    pid_t pid = fork_member(job, true);
    if (pid == 0)
        exec_command(cmd, argv, assignments);
    if (pid < 0 && job->count == 0) {
        job_free(job);
        return 1;
    }
    return wait_job(job);
}

/* command name [arg...]: a builtin or a program (a function only when with_functions is set). */
static int run_command_words(int argc, char** argv, bool with_functions)
{
    const struct variable* f = with_functions ? table_find(&functions, argv[0]) : NULL;
    const struct builtin* builtin = find_builtin(argv[0]);
    if (f)
        return call_function(f, argc, argv);
    if (builtin)
        return builtin->run(argc, argv);
    return run_program(NULL, argv, NULL, argv[0], strlen(argv[0]));
}

/* set -x: the command about to run, on stderr. */
static void trace(struct vec* assignments, int argc, char** argv)
{
    struct str line = { 0 };
    str_append(&line, "+", 1);
    for (size_t k = 0; k < assignments->count; k++) {
        struct assignment* a = assignments->items[k];
        str_push(&line, ' ');
        str_append(&line, a->name, strlen(a->name));
        str_push(&line, '=');
        str_append(&line, a->value, strlen(a->value));
    }
    for (int k = 0; k < argc; k++) {
        str_push(&line, ' ');
        str_append(&line, argv[k], strlen(argv[k]));
    }
    fprintf(stderr, "%s\n", line.data);
}

/* Runs a simple command; forked: this process is a child that may become the command. */
static int run_simple(struct node* cmd, bool forked)
{
    struct vec args = { 0 }, assignments = { 0 };
    last_substitution = 0;
    for (size_t k = 0; k < cmd->words.count; k++)
        if (!expand_word(cmd->words.items[k], &args, EX_SPLIT | EX_GLOB))
            return 1;
    int argc = (int)args.count;
    vec_push(&args, NULL);
    char** argv = (char**)args.items;
    const struct variable* f = argc ? table_find(&functions, argv[0]) : NULL;
    const struct builtin* builtin = argc && !f ? find_builtin(argv[0]) : NULL;
    bool in_shell = argc == 0 || f || builtin;
    if (!expand_assignments(cmd, &assignments, in_shell))
        return 1;
    if (xtrace)
        trace(&assignments, argc, argv);
    if (!in_shell && forked)
        exec_command(cmd, argv, &assignments);
    if (!in_shell)
        return run_program(cmd, argv, &assignments, cmd->text, cmd->length);
    if (builtin && builtin->run == builtin_exec) /* its redirections stay */
        return apply_redirects(cmd, NULL) ? exec_command_or_not(argc, argv, &assignments) : 1;
    struct vec saved = { 0 };
    int status = 1;
    if (apply_redirects(cmd, &saved))
        status = f ? call_function(f, argc, argv) : builtin ? builtin->run(argc, argv) : last_substitution;
    fflush(stdout);
    restore_fds(&saved);
    return status;
}

/* In a pipeline's child: input (if not -1) becomes fd 0 and output (if not -1) fd 1; other_end is closed. */
static void connect_child(int input, int output, int other_end)
{
    if (input >= 0) {
        dup2(input, 0);
        close(input);
    }
    if (output >= 0) {
        dup2(output, 1);
        close(output);
        close(other_end);
    }
}

/* Runs the commands of a pipeline, each in a child, as one job; the status of the last one. */
static int run_pipeline(struct node* n)
{
    struct job* job = job_new(n->text, n->length);
    int input = -1;
    for (size_t k = 0; k < n->items.count; k++) {
        int fds[2] = { -1, -1 };
        if (k + 1 < n->items.count && pipe(fds) < 0) {
            complain("pipe: %s", strerror(errno));
            break;
        }
        pid_t pid = fork_member(job, true);
        if (pid == 0) {
            connect_child(input, fds[1], fds[0]);
            exit(run_node(n->items.items[k], true));
        }
        if (input >= 0)
            close(input);
        if (fds[1] >= 0)
            close(fds[1]);
        input = fds[0];
        if (pid < 0)
            break;
    }
    if (input >= 0)
        close(input);
    if (job->count == 0) {
        job_free(job);
        return 1;
    }
    return wait_job(job);
}

/* ( list ): in a child, as a job. */
static int run_subshell(struct node* n)
{
    struct job* job = job_new(n->text, n->length);
    pid_t pid = fork_member(job, true);
    if (pid == 0)
        exit(run_node(n->left, true));
    if (pid < 0) {
        job_free(job);
        return 1;
    }
    return wait_job(job);
}

/* Starts n in a child as a background job and does not wait; status 0 ($! is its pid). */
static int run_background(struct node* n)
{
    bool own_group = job_control;
    reap_jobs(); /* a script that never waits keeps no zombies */
    struct job* job = job_new(n->text, n->length);
    pid_t pid = fork_member(job, false);
    if (pid < 0) {
        job_free(job);
        return 1;
    }
    if (pid == 0) {
        int null = own_group ? -1 : open("/dev/null", O_RDONLY); /* it must not read what is typed to the shell */
        if (null > 0) {
            dup2(null, 0);
            close(null);
        }
        exit(run_node(n->left, true));
    }
    job_add(job);
    job->reported = P_RUNNING;
    last_background = pid;
    if (interactive)
        fprintf(stderr, "[%d] %d\n", job->id, (int)pid);
    return 0;
}

/* After a loop's body (or condition): whether the loop ends, for a break or a jump past it; consumes its own. */
static bool loop_ends(void)
{
    if (jump == J_BREAK || jump == J_CONTINUE) {
        bool mine = --jump_count == 0;
        bool ends = jump == J_BREAK || !mine;
        if (mine)
            jump = J_NONE;
        return ends;
    }
    return jump == J_RETURN;
}

/* A condition: set -e does not apply inside it. */
static int run_condition(struct node* n)
{
    condition_depth++;
    int status = run_node(n, false);
    condition_depth--;
    return status;
}

/* Runs a loop's body; whether the loop ends there (see loop_ends). */
static bool run_iteration(struct node* body, int* status)
{
    *status = run_node(body, false);
    return loop_ends();
}

/* while and until loops. */
static int run_while(struct node* n)
{
    int status = 0;
    for (;;) {
        int condition = run_condition(n->left);
        if (loop_ends() || (condition == 0) != (n->type == N_WHILE) || run_iteration(n->right, &status))
            return status;
    }
}

/* for NAME [in word...]: the words expanded (no in: the positional parameters), the body run for each. */
static int run_for(struct node* n)
{
    struct vec values = { 0 };
    for (size_t k = 0; k < n->words.count; k++)
        if (!expand_word(n->words.items[k], &values, EX_SPLIT | EX_GLOB))
            return 1;
    for (int k = 0; !n->has_in && k < positional_count; k++)
        vec_push(&values, arena_strndup(positional[k], strlen(positional[k])));
    int status = 0;
    for (size_t k = 0; k < values.count; k++) {
        set_var(n->name, values.items[k]);
        if (run_iteration(n->right, &status))
            break;
    }
    return status;
}

/* Any loop, with break and continue counting it. */
static int run_loop(struct node* n)
{
    loop_depth++;
    int status = n->type == N_FOR ? run_for(n) : run_while(n);
    loop_depth--;
    return status;
}

/* case: the body of the first item with a pattern matching the word; 0 when none does. */
static int run_case(struct node* n)
{
    char* word = expand_string(n->name);
    if (!word)
        return 1;
    for (size_t k = 0; k < n->items.count; k++) {
        struct case_item* item = n->items.items[k];
        for (size_t p = 0; p < item->patterns.count; p++) {
            char* pattern = expand_pattern(item->patterns.items[p]);
            if (!pattern)
                return 1;
            if (match(pattern, word))
                return run_node(item->body, false);
        }
    }
    return 0;
}

static int run_if(struct node* n)
{
    int condition = run_condition(n->left);
    if (jump != J_NONE)
        return condition;
    if (condition == 0)
        return run_node(n->right, false);
    return n->otherwise ? run_node(n->otherwise, false) : 0;
}

/* The node types of n, run; forked: see run_simple. */
static int run_node_type(struct node* n, bool forked)
{
    int status = 0;
    switch (n->type) {
    case N_SIMPLE:
        return run_simple(n, forked);
    case N_PIPELINE:
        return run_pipeline(n);
    case N_AND:
    case N_OR:
        status = run_condition(n->left);
        if (jump == J_NONE && (status == 0) == (n->type == N_AND))
            status = run_node(n->right, forked);
        return status;
    case N_NOT:
        return !run_condition(n->left);
    case N_BACKGROUND:
        return run_background(n);
    case N_LIST:
        for (size_t k = 0; k < n->items.count && jump == J_NONE; k++)
            status = run_node(n->items.items[k], forked && k + 1 == n->items.count);
        return status;
    case N_SUBSHELL:
        return forked ? run_node(n->left, true) : run_subshell(n);
    case N_GROUP:
        return run_node(n->left, forked);
    case N_IF:
        return run_if(n);
    case N_WHILE:
    case N_UNTIL:
    case N_FOR:
        return run_loop(n);
    case N_CASE:
        return run_case(n);
    case N_FUNCTION:
        table_set(&functions, n->name, n->left->text, n->left->length);
        return 0;
    }
    return status;
}

/*
 * Runs tree n and returns its status, which also becomes $?; with set -e
 * a failing command outside a condition ends the shell. What the run
 * allocates in the arena is freed when it ends.
 */
static int run_node(struct node* n, bool forked)
{
    struct arena_mark mark = arena_here();
    struct vec saved = { 0 };
    int status = 1;
    bool compound = n->type != N_SIMPLE;
    if (!compound || apply_redirects(n, &saved))
        status = run_node_type(n, forked);
    if (compound) {
        fflush(stdout);
        restore_fds(&saved);
    }
    arena_release(mark);
    last_status = status;
    if (errexit && status != 0 && condition_depth == 0 && (n->type == N_SIMPLE || n->type == N_PIPELINE || n->type == N_SUBSHELL))
        shell_exit(status);
    run_traps();
    return status;
}

/* $(text): its standard output, trailing newlines removed (NULL after reporting a failure to start it). */
static char* command_output(const char* text)
{
    int fds[2];
    if (pipe(fds) < 0) {
        complain("pipe: %s", strerror(errno));
        return NULL;
    }
    pid_t pid = spawn();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return NULL;
    }
    if (pid == 0) {
        become_subshell();
        close(fds[0]);
        dup2(fds[1], 1);
        if (fds[1] != 1)
            close(fds[1]);
        shell_exit(run_text(text));
    }
    close(fds[1]);
    struct str out = { 0 };
    str_append(&out, "", 0);
    char buffer[512];
    ssize_t n;
    while ((n = read(fds[0], buffer, sizeof(buffer))) != 0) {
        if (n > 0)
            str_append(&out, buffer, (size_t)n);
        else if (errno != EINTR)
            break;
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    last_substitution = status_code(status);
    while (out.length && out.data[out.length - 1] == '\n')
        out.data[--out.length] = '\0';
    return out.data;
}

/* Parses text whole and runs it (functions, eval, traps, $(...)); its status, 2 for a syntax error. */
static int run_text(const char* text)
{
    struct arena_mark mark = arena_here();
    struct node* tree;
    const char* message = NULL;
    enum parse_result result = parse(text, &tree, &message);
    int status;
    if (result == PARSED) {
        status = run_node(tree, false);
    } else {
        complain("%s", result == INCOMPLETE ? "syntax error: unexpected end of file" : message);
        status = last_status = 2;
    }
    arena_release(mark);
    return status;
}

/* ---- input ---- */

enum source_kind { FROM_TEXT, FROM_FD, FROM_TERMINAL };

/* Where commands come from: a whole text (-c, a script file), or a descriptor read a byte at a time. */
struct source {
    enum source_kind kind;
    const char* name; /* for messages: the script, "-c", or NULL (standard input) */
    const char* text; /* FROM_TEXT */
    size_t pos;       /* FROM_TEXT */
    int fd;           /* FROM_FD, FROM_TERMINAL */
    unsigned line;    /* lines read so far */
};

enum line_result { LINE, END, CANCELLED };

/* Appends a line of fd (without its newline; NUL bytes dropped) to line. */
static enum line_result read_fd_line(int fd, struct str* line)
{
    bool any = false;
    unsigned char c;
    while (read_byte(fd, &c) > 0) {
        any = true;
        if (c == '\n')
            return LINE;
        if (c)
            str_push(line, (char)c);
    }
    return any ? LINE : END;
}

/* Appends the next line of src's text (without its newline) to line. */
static enum line_result read_text_line(struct source* src, struct str* line)
{
    const char* start = src->text + src->pos;
    if (!*start)
        return END;
    size_t length = strcspn(start, "\n");
    str_append(line, start, length);
    src->pos += length + (start[length] == '\n');
    return LINE;
}

/* ---- the line editor ---- */

static void echo(const char* text, size_t length)
{
    write(2, text, length);
}

static void echo_repeat(char c, size_t count)
{
    while (count--)
        echo(&c, 1);
}

#define KEY_CTRL(c) ((c) & 0x1f)
#define KEY_BACKSPACE 0x08
#define KEY_ESCAPE 0x1b
#define KEY_DELETE 0x7f

/* The history: lines typed, oldest first (malloc'ed). */
#define HISTORY_MAX 200
static char* history[HISTORY_MAX];
static size_t history_count;

static void remember(const char* line)
{
    if (!*line || (history_count && strcmp(history[history_count - 1], line) == 0))
        return;
    if (history_count == HISTORY_MAX) {
        free(history[0]);
        memmove(history, history + 1, (HISTORY_MAX - 1) * sizeof(char*));
        history_count--;
    }
    history[history_count++] = xstrdup(line);
}

/*
 * The line being edited: what the screen shows after the prompt is buf,
 * with the cursor at cursor. The screen is updated with plain characters,
 * backspace (cursor left) and blanks only, which every terminal and the
 * VGA console understand.
 */
struct editor {
    struct str buf;
    size_t cursor;
    const char* prompt;
    size_t browsing;  /* the history entry shown (history_count: the line being typed) */
    char* draft;      /* the line being typed, while the history is shown */
};

static bool is_continuation(char c)
{
    return ((unsigned char)c & 0xc0) == 0x80;
}

/* Screen columns of bytes from..to of the line (one per character, UTF-8 sequences counted once). */
static size_t columns(const struct editor* ed, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t k = from; k < to; k++)
        n += !is_continuation(ed->buf.data[k]);
    return n;
}

/* Shows the line from the cursor to its end, then erase blanks, and puts the cursor back. */
static void redraw_tail(const struct editor* ed, size_t erase)
{
    echo(ed->buf.data + ed->cursor, ed->buf.length - ed->cursor);
    echo_repeat(' ', erase);
    echo_repeat('\b', columns(ed, ed->cursor, ed->buf.length) + erase);
}

static void insert_text(struct editor* ed, const char* text, size_t length)
{
    struct str fresh = { 0 };
    str_append(&fresh, ed->buf.data, ed->cursor);
    str_append(&fresh, text, length);
    str_append(&fresh, ed->buf.data + ed->cursor, ed->buf.length - ed->cursor);
    ed->buf = fresh;
    echo(text, length);
    ed->cursor += length;
    redraw_tail(ed, 0);
}

/* Erases the character before the cursor. */
static void erase_before(struct editor* ed)
{
    if (ed->cursor == 0)
        return;
    size_t start = ed->cursor;
    do
        start--;
    while (start > 0 && is_continuation(ed->buf.data[start]));
    memmove(ed->buf.data + start, ed->buf.data + ed->cursor, ed->buf.length - ed->cursor + 1);
    ed->buf.length -= ed->cursor - start;
    ed->cursor = start;
    echo("\b", 1);
    redraw_tail(ed, 1);
}

static void move_left(struct editor* ed)
{
    if (ed->cursor == 0)
        return;
    do
        ed->cursor--;
    while (ed->cursor > 0 && is_continuation(ed->buf.data[ed->cursor]));
    echo("\b", 1);
}

static void move_right(struct editor* ed)
{
    size_t start = ed->cursor;
    if (start == ed->buf.length)
        return;
    do
        ed->cursor++;
    while (ed->cursor < ed->buf.length && is_continuation(ed->buf.data[ed->cursor]));
    echo(ed->buf.data + start, ed->cursor - start);
}

/* Replaces the whole line by text, the cursor at its end. */
static void replace_line(struct editor* ed, const char* text)
{
    size_t old_columns = columns(ed, 0, ed->buf.length);
    echo_repeat('\b', columns(ed, 0, ed->cursor));
    ed->buf = (struct str) { 0 };
    str_append(&ed->buf, text, strlen(text));
    ed->cursor = 0;
    size_t new_columns = columns(ed, 0, ed->buf.length);
    ed->cursor = ed->buf.length;
    echo(ed->buf.data, ed->buf.length);
    if (old_columns > new_columns) {
        echo_repeat(' ', old_columns - new_columns);
        echo_repeat('\b', old_columns - new_columns);
    }
}

/* Up (older, -1) or down (newer, +1) in the history. */
static void browse_history(struct editor* ed, int step)
{
    if ((step < 0 && ed->browsing == 0) || (step > 0 && ed->browsing >= history_count))
        return;
    if (ed->browsing == history_count)
        ed->draft = arena_strndup(ed->buf.data, ed->buf.length);
    ed->browsing += (size_t)step;
    replace_line(ed, ed->browsing == history_count ? ed->draft : history[ed->browsing]);
}

/* ---- Tab completion ---- */

/* Adds to matches the names in dir that start with prefix (a dot file only for a prefix starting with a dot). */
static void add_dir_matches(struct vec* matches, const char* dir, const char* prefix, bool executables_only)
{
    DIR* d = opendir(*dir ? dir : ".");
    if (!d)
        return;
    size_t length = strlen(prefix);
    struct dirent* e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, prefix, length) != 0 || (e->d_name[0] == '.' && prefix[0] != '.'))
            continue;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (executables_only && access(concat(concat(dir, "/"), e->d_name), X_OK) != 0)
            continue;
        vec_push(matches, arena_strndup(e->d_name, strlen(e->d_name)));
    }
    closedir(d);
}

/* Command names starting with prefix: builtins, functions and the programs of $PATH. */
static void add_command_matches(struct vec* matches, const char* prefix)
{
    size_t length = strlen(prefix);
    for (size_t k = 0; k < sizeof(builtins) / sizeof(builtins[0]); k++)
        if (strncmp(builtins[k].name, prefix, length) == 0)
            vec_push(matches, (char*)builtins[k].name);
    for (size_t k = 0; k < functions.count; k++)
        if (strncmp(functions.items[k].name, prefix, length) == 0)
            vec_push(matches, functions.items[k].name);
    for (char** dir = path_dirs(); *dir; dir++)
        add_dir_matches(matches, *dir, prefix, true);
}

/* The length of the longest common prefix of the matches. */
static size_t common_prefix(struct vec* matches)
{
    const char* first = matches->items[0];
    size_t length = strlen(first);
    for (size_t k = 1; k < matches->count; k++) {
        size_t n = 0;
        const char* other = matches->items[k];
        while (n < length && other[n] == first[n])
            n++;
        length = n;
    }
    return length;
}

/* Whether the word starting at start is a command name: only blanks, or an operator, before it. */
static bool in_command_position(const struct editor* ed, size_t start)
{
    while (start > 0 && is_blank(ed->buf.data[start - 1]))
        start--;
    return start == 0 || strchr(";|&(", ed->buf.data[start - 1]);
}

/*
 * Tab: completes the word before the cursor, a command name for the first
 * word, else a path; one match is completed whole (with / for a directory,
 * else a space), several as far as they agree, and listed when that adds
 * nothing.
 */
static void complete(struct editor* ed)
{
    size_t start = ed->cursor;
    while (start > 0 && !is_blank(ed->buf.data[start - 1]) && !strchr(";|&(<>", ed->buf.data[start - 1]))
        start--;
    char* word = arena_strndup(ed->buf.data + start, ed->cursor - start);
    struct vec matches = { 0 };
    bool command = in_command_position(ed, start) && !strchr(word, '/');
    char* slash = strrchr(word, '/');
    char* dir = slash ? arena_strndup(word, (size_t)(slash - word) + 1) : "";
    const char* prefix = slash ? slash + 1 : word;
    if (command)
        add_command_matches(&matches, prefix);
    else
        add_dir_matches(&matches, *dir ? dir : "", prefix, false);
    if (matches.count == 0)
        return;
    qsort(matches.items, matches.count, sizeof(void*), compare_strings);
    size_t unique = 0; /* a builtin can also be a program */
    for (size_t k = 0; k < matches.count; k++)
        if (unique == 0 || strcmp(matches.items[k], matches.items[unique - 1]) != 0)
            matches.items[unique++] = matches.items[k];
    matches.count = unique;
    size_t common = common_prefix(&matches), typed = strlen(prefix);
    if (common > typed)
        insert_text(ed, (char*)matches.items[0] + typed, common - typed);
    if (matches.count == 1) {
        struct stat st;
        bool is_dir = !command && stat(concat(dir, matches.items[0]), &st) == 0 && S_ISDIR(st.st_mode);
        insert_text(ed, is_dir ? "/" : " ", 1);
    } else if (common == typed) {
        echo("\n", 1);
        for (size_t k = 0; k < matches.count; k++) {
            const char* m = matches.items[k];
            echo(m, strlen(m));
            echo("  ", 2);
        }
        echo("\n", 1);
        echo(ed->prompt, strlen(ed->prompt));
        echo(ed->buf.data, ed->buf.length);
        echo_repeat('\b', columns(ed, ed->cursor, ed->buf.length));
    }
}

/* After ESC: reads the rest of an escape sequence (ESC [ params final, ESC O x); its final byte and first number. */
static char read_escape(int fd, int* number)
{
    unsigned char c;
    *number = 0;
    if (read_byte(fd, &c) <= 0 || (c != '[' && c != 'O'))
        return 0;
    bool csi = c == '[';
    while (read_byte(fd, &c) > 0) {
        if (!csi || (c >= 0x40 && c <= 0x7e))
            return (char)c;
        if (isdigit(c))
            *number = *number * 10 + (c - '0');
    }
    return 0;
}

/* An escape sequence: arrows, Home, End and Delete; the others are dropped. */
static void handle_escape(struct editor* ed, int fd)
{
    int number;
    switch (read_escape(fd, &number)) {
    case 'A':
        browse_history(ed, -1);
        break;
    case 'B':
        browse_history(ed, +1);
        break;
    case 'C':
        move_right(ed);
        break;
    case 'D':
        move_left(ed);
        break;
    case 'H':
        while (ed->cursor)
            move_left(ed);
        break;
    case 'F':
        while (ed->cursor < ed->buf.length)
            move_right(ed);
        break;
    case '~':
        if (number == 3 && ed->cursor < ed->buf.length) {
            move_right(ed);
            erase_before(ed);
        }
        break;
    }
}

/* Reads a line typed on fd, echoing and editing it (see the header), and appends it to line. */
static enum line_result edit_line(int fd, struct str* line, const char* prompt)
{
    struct editor ed = { .prompt = prompt, .browsing = history_count };
    str_append(&ed.buf, "", 0);
    enum line_result result = LINE;
    unsigned char c;
    for (;;) {
        if (read_byte(fd, &c) <= 0) {
            result = ed.buf.length ? LINE : END;
            break;
        }
        if (c == '\n' || c == '\r') {
            echo("\n", 1);
            break;
        }
        if (c == KEY_DELETE || c == KEY_BACKSPACE)
            erase_before(&ed);
        else if (c == KEY_CTRL('U'))
            replace_line(&ed, "");
        else if (c == KEY_CTRL('A'))
            while (ed.cursor)
                move_left(&ed);
        else if (c == KEY_CTRL('E'))
            while (ed.cursor < ed.buf.length)
                move_right(&ed);
        else if (c == KEY_CTRL('C')) {
            echo("^C\n", 3);
            return CANCELLED;
        } else if (c == KEY_CTRL('D') && ed.buf.length == 0) {
            echo("\n", 1);
            return END;
        } else if (c == KEY_ESCAPE)
            handle_escape(&ed, fd);
        else if (c == '\t')
            complete(&ed);
        else if (c >= 0x20)
            insert_text(&ed, (const char*)&c, 1);
    }
    remember(ed.buf.data);
    str_append(line, ed.buf.data, ed.buf.length);
    return result;
}

/* While the shell edits a line: no echo, no line discipline, no signals from keys; a byte at a time. */
static void terminal_raw(void)
{
    if (!have_termios)
        return;
    struct termios raw = shell_termios;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(0, TCSADRAIN, &raw);
}

/* The prompt: $PS1, else "# " for root and "$ " for other users. */
static const char* main_prompt(void)
{
    const char* ps1 = get_var("PS1");
    return ps1 ? ps1 : geteuid() == 0 ? "# " : "$ ";
}

/* Appends the next line of src to line (after the prompt, on a terminal). */
static enum line_result read_line(struct source* src, struct str* line, const char* prompt)
{
    enum line_result result;
    if (src->kind == FROM_TEXT) {
        result = read_text_line(src, line);
    } else if (src->kind == FROM_FD) {
        result = read_fd_line(src->fd, line);
    } else {
        echo(prompt, strlen(prompt));
        terminal_raw();
        result = edit_line(src->fd, line, prompt);
        restore_terminal();
    }
    if (result == LINE)
        src->line++;
    if (!line->data)
        str_append(line, "", 0);
    return result;
}

/* Reports a syntax error, with where it is when the shell reads a script. */
static void report_syntax_error(const struct source* src, const char* message)
{
    if (interactive)
        complain("%s", message);
    else if (src->name)
        complain("%s: line %u: %s", src->name, src->line, message);
    else
        complain("line %u: %s", src->line, message);
}

/*
 * Parses the command line text, reading more lines while it is unfinished,
 * and runs it. False when the shell must stop: a syntax error, or the end
 * of the input inside a command, when not interactive.
 */
static bool run_command_line(struct source* src, struct str* text)
{
    for (;;) {
        struct node* tree;
        const char* message = NULL;
        enum parse_result result = parse(text->data, &tree, &message);
        if (result == PARSED) {
            run_node(tree, false);
            return true;
        }
        if (result == SYNTAX_ERROR) {
            report_syntax_error(src, message);
            last_status = 2;
            return interactive;
        }
        str_push(text, '\n');
        enum line_result more = read_line(src, text, "> ");
        if (more == CANCELLED)
            return true;
        if (more == END) {
            report_syntax_error(src, "syntax error: unexpected end of file");
            last_status = 2;
            return interactive;
        }
    }
}

/* Runs the commands of src until its end (or exit, or return in a sourced file); returns the last status. */
static int run_source(struct source* src)
{
    struct arena_mark mark = arena_here();
    for (;;) {
        if (interactive)
            notify_jobs();
        run_traps();
        arena_release(mark);
        struct str text = { 0 };
        enum line_result result = read_line(src, &text, main_prompt());
        if (result == END || (result == LINE && !run_command_line(src, &text)) || jump == J_RETURN)
            break;
    }
    arena_release(mark);
    return last_status;
}

/*
 * The whole of file path in *text (malloc'ed): 0, or the status of the
 * failure after reporting it (127 missing, 126 unreadable or binary).
 */
static int load_script(const char* path, char** text)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        int error = errno;
        complain("%s: %s", path, strerror(error));
        return error == ENOENT ? 127 : 126;
    }
    size_t length = 0, capacity = 4096;
    char* data = xrealloc(NULL, capacity);
    for (;;) {
        if (length + 1 == capacity) {
            capacity *= 2;
            data = xrealloc(data, capacity);
        }
        ssize_t n = read(fd, data + length, capacity - 1 - length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            complain("%s: %s", path, strerror(errno));
            close(fd);
            free(data);
            return 126;
        }
        if (n == 0)
            break;
        length += (size_t)n;
    }
    close(fd);
    data[length] = '\0';
    if (strlen(data) != length) {
        complain("%s: cannot run a binary file", path);
        free(data);
        return 126;
    }
    *text = data;
    return 0;
}

/* Runs the commands of file path in this shell (source); its status. */
static int run_file(const char* path)
{
    char* text;
    int status = load_script(path, &text);
    if (status)
        return status;
    struct source src = { .kind = FROM_TEXT, .name = path, .text = text };
    status = run_source(&src);
    free(text);
    return status;
}

/*
 * An interactive shell: saves the terminal's modes, ignores the signals
 * typed keys send, and takes the terminal for its own process group. Job
 * control only when that works (not while setpgid or tcsetpgrp fail).
 */
static void setup_interactive(void)
{
    have_termios = tcgetattr(0, &shell_termios) == 0;
    for (size_t k = 0; k < sizeof(interactive_ignored) / sizeof(interactive_ignored[0]); k++)
        set_disposition(interactive_ignored[k], SIG_IGN);
    shell_pgid = getpid();
    pid_t original = getpgrp();
    if (tcgetpgrp(0) < 0 || (original != shell_pgid && setpgid(0, shell_pgid) < 0))
        return;
    job_control = tcsetpgrp(0, shell_pgid) == 0;
    if (!job_control && original != shell_pgid)
        setpgid(0, original); /* back in the terminal's group, where reading it works */
}

static __attribute__((noreturn)) void usage(void)
{
    fputs("usage: sh [-i] [-ex] [file [arg...]]\n       sh [-i] [-ex] -c command [name [arg...]]\n", stderr);
    exit(2);
}

int main(int argc, char** argv)
{
    bool force_interactive = false;
    const char* command = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
            command = argv[++i];
            continue;
        }
        for (const char* o = argv[i] + 1; *o; o++) {
            if (*o == 'i')
                force_interactive = true;
            else if (*o == 'e')
                errexit = true;
            else if (*o == 'x')
                xtrace = true;
            else
                usage();
        }
    }
    struct source src = { .kind = FROM_TEXT };
    char* script = NULL;
    script_name = argv[0];
    if (command) {
        src.text = command;
        src.name = "-c";
        if (i < argc)
            script_name = argv[i++];
    } else if (i < argc) {
        src.name = script_name = argv[i++];
        int status = load_script(src.name, &script);
        if (status)
            return status;
        src.text = script;
    } else {
        interactive = force_interactive || isatty(0);
        src.kind = interactive ? FROM_TERMINAL : FROM_FD;
    }
    set_positional(argv + i, argc - i);
    if (interactive)
        setup_interactive();
    int status = run_source(&src);
    free(script);
    shell_exit(status);
}
