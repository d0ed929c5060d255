package scanner

import "testing"

func TestCacheSizes(t *testing.T) {
	for _, tc := range []struct {
		objects     int
		bytes       int64
		base, trees int
	}{
		{0, 0, 8 << 20, 50_000},
		{161_098, 57_640_000, 8 << 20, 53_699},
		{1_242_388, 414_450_000, 32 << 20, 200_000},
		{10_000_000, 5 << 30, 32 << 20, 200_000},
	} {
		if b, tr := cacheSizes(tc.objects, tc.bytes); b != tc.base || tr != tc.trees {
			t.Errorf("cacheSizes(%d, %d) = %d, %d; want %d, %d", tc.objects, tc.bytes, b, tr, tc.base, tc.trees)
		}
	}
}
