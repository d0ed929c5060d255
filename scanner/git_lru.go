package scanner

import (
	"container/list"
	"sync"
)

// lru is a concurrency-safe cache bounded by a total cost (bytes, entries),
// least recently used out. A nil *lru caches nothing.
type lru[K comparable, V any] struct {
	mu    sync.Mutex
	max   int
	size  int
	items map[K]*list.Element
	order *list.List
}

type lruItem[K comparable, V any] struct {
	k    K
	v    V
	cost int
}

func newLRU[K comparable, V any](max int) *lru[K, V] {
	return &lru[K, V]{max: max, items: map[K]*list.Element{}, order: list.New()}
}

// get returns a cached value; with take it also removes it.
func (c *lru[K, V]) get(k K, take bool) (V, bool) {
	var zero V
	if c == nil {
		return zero, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[k]
	if !ok {
		return zero, false
	}
	it := el.Value.(*lruItem[K, V])
	if take {
		c.remove(el)
	} else {
		c.order.MoveToFront(el)
	}
	return it.v, true
}

// put stores a value unless it alone would take more than an eighth of the
// budget, evicting the least recently used beyond it.
func (c *lru[K, V]) put(k K, v V, cost int) {
	if c == nil || cost > c.max/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[k]; ok {
		return
	}
	c.items[k] = c.order.PushFront(&lruItem[K, V]{k, v, cost})
	c.size += cost
	for c.size > c.max {
		c.remove(c.order.Back())
	}
}

func (c *lru[K, V]) remove(el *list.Element) {
	it := el.Value.(*lruItem[K, V])
	c.order.Remove(el)
	delete(c.items, it.k)
	c.size -= it.cost
}
