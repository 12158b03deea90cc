/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef UTIL_LIST_H
#define UTIL_LIST_H

#include <stdbool.h>
#include <stddef.h>

/* A circular doubly linked list with the head embedded in the owner. */
struct list_node {
	struct list_node *next, *prev;
};

struct list_head {
	struct list_node n;
};

#define container_of(ptr, type, member)                                      \
	((type *)((char *)(ptr) - offsetof(type, member)))

static inline void list_head_init(struct list_head *h)
{
	h->n.next = h->n.prev = &h->n;
}

static inline bool list_empty(const struct list_head *h)
{
	return h->n.next == &h->n;
}

static inline void list_add_tail(struct list_head *h, struct list_node *n)
{
	n->prev = h->n.prev;
	n->next = &h->n;
	h->n.prev->next = n;
	h->n.prev = n;
}

/* Insert @n before @pos (which may be the head itself, i.e. at the tail). */
static inline void list_add_before(struct list_node *pos, struct list_node *n)
{
	n->prev = pos->prev;
	n->next = pos;
	pos->prev->next = n;
	pos->prev = n;
}

static inline void list_del(struct list_node *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	n->next = n->prev = n;
}

#define list_entry_or_null(h, node, type, member)                           \
	((node) == &(h)->n ? NULL : container_of(node, type, member))

#define list_first(h, type, member)                                          \
	list_entry_or_null(h, (h)->n.next, type, member)

#define list_next(h, pos, member)                                            \
	list_entry_or_null(h, (pos)->member.next, __typeof__(*(pos)), member)

#define list_for_each(h, pos, member)                                        \
	for (pos = list_first(h, __typeof__(*(pos)), member); pos;           \
	     pos = list_next(h, pos, member))

#define list_for_each_safe(h, pos, tmp, member)                              \
	for (pos = list_first(h, __typeof__(*(pos)), member),                \
	    tmp = pos ? list_next(h, pos, member) : NULL;                    \
	     pos; pos = tmp, tmp = pos ? list_next(h, pos, member) : NULL)

#endif
