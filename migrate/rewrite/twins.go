package rewrite

// twinSafe wraps a rewriter so that several targets for the same value on
// the same line (two rules that matched one literal) are rewritten once:
// the inner rewriter sees each (line, secret, secret id, key) once, and a
// manual step for it is repeated for its twins.
type twinSafe struct{ Rewriter }

func (w twinSafe) Rewrite(path string, src []byte, targets []Target) (*Change, error) {
	type key struct {
		line           int
		secret, id, js string
	}
	first := map[key]int{}
	var unique []Target
	twins := map[int][]Target{} // index in unique -> twins
	for _, t := range targets {
		k := key{t.Line, t.Secret, t.SecretID, t.Key}
		if i, ok := first[k]; ok {
			twins[i] = append(twins[i], t)
			continue
		}
		first[k] = len(unique)
		unique = append(unique, t)
	}
	ch, err := w.Rewriter.Rewrite(path, src, unique)
	if err != nil || ch == nil || len(twins) == 0 {
		return ch, err
	}
	var manual []ManualStep
	for _, m := range ch.Manual {
		manual = append(manual, m)
		t := m.Target
		if i, ok := first[key{t.Line, t.Secret, t.SecretID, t.Key}]; ok && unique[i] == t {
			for _, tw := range twins[i] {
				manual = append(manual, ManualStep{Target: tw, Reason: m.Reason})
			}
		}
	}
	ch.Manual = manual
	return ch, nil
}
