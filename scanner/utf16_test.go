package scanner

import (
	"testing"
	"unicode/utf16"
)

// utf16Bytes encodes s as UTF-16, little- or big-endian, with or without
// a byte order mark.
func utf16Bytes(s string, le, bom bool) []byte {
	var out []byte
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	for _, u := range units {
		if le {
			out = append(out, byte(u), byte(u>>8))
		} else {
			out = append(out, byte(u>>8), byte(u))
		}
	}
	return out
}

func TestFromUTF16(t *testing.T) {
	text := "INSERT [dbo].[Users] ([Login], [Password]) VALUES (N'zörk', N'Zork-4711')\r\nGO\r\n"
	for _, tc := range []struct {
		name string
		in   []byte
		want string
		ok   bool
	}{
		{"little-endian with BOM", utf16Bytes(text, true, true), text, true},
		{"big-endian with BOM", utf16Bytes(text, false, true), text, true},
		{"little-endian without BOM", utf16Bytes(text, true, false), text, true},
		{"big-endian without BOM", utf16Bytes(text, false, false), text, true},
		{"UTF-8 text", []byte(text), text, false},
		{"binary with NULs", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00\x01\x00\x00\x00"), "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00\x01\x00\x00\x00", false},
		{"UTF-16 holding a NUL character", utf16Bytes("zork\x00quux zork quux zork", true, true), "", false},
		{"too short to tell", utf16Bytes("ab", true, false), "a\x00b\x00", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := fromUTF16(tc.in)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if ok && string(got) != tc.want {
				t.Errorf("decoded %q, want %q", got, tc.want)
			}
			if !ok && string(got) != string(tc.in) {
				t.Errorf("not UTF-16 but changed: %q", got)
			}
		})
	}
}

// TestDirScanUTF16 scans a UTF-16 SQL script as SQL Server Management
// Studio writes it: git and gitleaks take it for binary; secretsweep finds
// the password on its line.
func TestDirScanUTF16(t *testing.T) {
	script := "USE [shop]\r\nGO\r\n\r\nINSERT [dbo].[UsersTable] ([ID], [Login], [Password]) VALUES (1, N'zork', N'Zork-4711-quux')\r\nGO\r\n"
	dir := writeTree(t, map[string]string{"ScriptShop.sql": string(utf16Bytes(script, true, true))})
	res := scanDir(t, dir, Options{})
	if len(res.Findings) != 1 {
		t.Fatalf("findings %+v, want one", res.Findings)
	}
	if f := res.Findings[0]; f.StartLine != 4 || f.Secret != "Zork-4711-quux" {
		t.Errorf("finding at line %d with secret %q, want line 4 and the password", f.StartLine, f.Secret)
	}
	if res.Stats.SkippedBinary != 0 {
		t.Errorf("skipped %d files as binary", res.Stats.SkippedBinary)
	}
}

// TestHistoryScanUTF16 finds passwords in a UTF-16 script's history: the
// first commit's row in its commit, the row a later commit adds in that
// one, and the unchanged row not again.
func TestHistoryScanUTF16(t *testing.T) {
	row := func(id int, login, pw string) string {
		return "INSERT [dbo].[UsersTable] ([ID], [Login], [Password]) VALUES (" + itoa(id) + ", N'" + login + "', N'" + pw + "')\r\n"
	}
	v1 := "USE [shop]\r\nGO\r\n" + row(1, "zork", "Zork-4711-quux")
	v2 := v1 + row(2, "quux", "Quux-0815-zork")
	g := newGitFixture(t)
	c1 := g.commit("users", map[string]string{"ScriptShop.sql": string(utf16Bytes(v1, true, true))})
	c2 := g.commit("more users", map[string]string{"ScriptShop.sql": string(utf16Bytes(v2, true, true))})
	res := g.scan(Options{Mode: ModeHistory})
	var got []string
	for _, f := range res.Findings {
		got = append(got, itoa(f.StartLine)+"@"+f.Commit[:7])
	}
	want := []string{"3@" + c1.String()[:7], "4@" + c2.String()[:7]}
	if len(got) != 2 || got[0] != want[0] && got[0] != want[1] || got[1] != want[0] && got[1] != want[1] || got[0] == got[1] {
		t.Errorf("findings %v, want %v", got, want)
	}
}
