package odb

import (
	"container/list"
	"sync"
)

// baseCache keeps inflated delta bases by pack offset, least recently used
// out, bounded by bytes (git's core.deltaBaseCacheLimit plays this role).
type baseCache struct {
	mu    sync.Mutex
	max   int
	size  int
	items map[cacheKey]*list.Element
	order list.List
}

type cacheKey struct {
	pack int
	off  int64
}

type cached struct {
	k    cacheKey
	t    Type
	data []byte
}

func newBaseCache(max int) *baseCache {
	return &baseCache{max: max, items: map[cacheKey]*list.Element{}}
}

func (c *baseCache) get(pack int, off int64) (Type, []byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[cacheKey{pack, off}]
	if !ok {
		return 0, nil, false
	}
	c.order.MoveToFront(el)
	it := el.Value.(*cached)
	return it.t, it.data, true
}

// resize changes the bound, evicting down to it.
func (c *baseCache) resize(max int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.max = max
	c.evict()
}

func (c *baseCache) evict() {
	for c.size > c.max && c.order.Len() > 0 {
		el := c.order.Back()
		it := el.Value.(*cached)
		c.order.Remove(el)
		delete(c.items, it.k)
		c.size -= len(it.data) + 64
	}
}

// put caches data unless it alone would take over an eighth of the budget.
func (c *baseCache) put(pack int, off int64, t Type, data []byte) {
	if len(data) > c.max/8 {
		return
	}
	k := cacheKey{pack, off}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[k]; ok {
		return
	}
	c.items[k] = c.order.PushFront(&cached{k, t, data})
	c.size += len(data) + 64
	c.evict()
}
