package report

import (
	"strings"
	"testing"
	"time"
)

func TestHumanBytes(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 1536: "1.5 KiB",
		5_678_901: "5.4 MiB", 5 << 30: "5.0 GiB", 3 << 40: "3.0 TiB", 1 << 62: "4.0 EiB",
	} {
		if got := humanBytes(n); got != want {
			t.Errorf("humanBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0s", -time.Second: "0s", 1500 * time.Nanosecond: "2µs",
		850*time.Millisecond + 400*time.Microsecond: "850ms",
		2345 * time.Millisecond:                     "2.35s",
		125*time.Second + 600*time.Millisecond:      "2m6s",
	} {
		if got := formatDuration(d); got != want {
			t.Errorf("formatDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"plain é 日本":       "plain é 日本",
		"a\nb\tc":          `a\nb\tc`,
		"\x1b[31m":         `\x1b[31m`,
		"bad\xffutf8":      `bad\xffutf8`,
		"real \uFFFD":      "real \uFFFD",
		"rtl\u202eabc":     `rtl\u202eabc`,
		"del\x7f c1\u0085": `del\x7f c1\u0085`,
	} {
		if got := printable(in); got != want {
			t.Errorf("printable(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestShorten(t *testing.T) {
	long := strings.Repeat("é", maxShown+10)
	got := shorten(long)
	if got != strings.Repeat("é", maxShown)+"…" {
		t.Errorf("shorten cut wrong: %d runes", len([]rune(got)))
	}
	if s := strings.Repeat("x", maxShown); shorten(s) != s {
		t.Error("shorten cut a string at the limit")
	}
}

func TestShortSHAAndFirstLine(t *testing.T) {
	if shortSHA(fakeCommit) != "0123456" || shortSHA("abc") != "abc" {
		t.Error("shortSHA")
	}
	if firstLine("  subject \r\nbody") != "subject" || firstLine("") != "" {
		t.Error("firstLine")
	}
}
