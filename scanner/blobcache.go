package scanner

import (
	"container/list"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
)

// blobCache keeps blob contents read as the "old" side of a change. Commits
// are walked newest first, so the blob a child replaced is, moments later,
// the "new" side of its parent's change: reading it once saves the second
// read and delta resolution. Bounded by total bytes, least recently used out.
type blobCache struct {
	mu    sync.Mutex
	max   int64
	size  int64
	items map[plumbing.Hash]*list.Element
	order *list.List
}

type cachedBlob struct {
	h    plumbing.Hash
	data []byte
}

func newBlobCache(max int64) *blobCache {
	return &blobCache{max: max, items: map[plumbing.Hash]*list.Element{}, order: list.New()}
}

// take returns and removes a cached blob.
func (c *blobCache) take(h plumbing.Hash) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[h]
	if !ok {
		return nil, false
	}
	c.remove(el)
	return el.Value.(*cachedBlob).data, true
}

// put stores a blob, evicting the oldest beyond the budget.
func (c *blobCache) put(h plumbing.Hash, data []byte) {
	if c == nil || int64(len(data)) > c.max/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[h]; ok {
		return
	}
	c.items[h] = c.order.PushFront(&cachedBlob{h, data})
	c.size += int64(len(data))
	for c.size > c.max {
		c.remove(c.order.Back())
	}
}

func (c *blobCache) remove(el *list.Element) {
	b := el.Value.(*cachedBlob)
	c.order.Remove(el)
	delete(c.items, b.h)
	c.size -= int64(len(b.data))
}
