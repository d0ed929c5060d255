package report

import (
	"fmt"
	"io"
)

// WriteWarnings writes a scan's warnings one per line, as the text report
// lists them (made printable, at most ten, then a count of the rest), for
// machine formats, which do not carry them, to write beside the summary.
func WriteWarnings(w io.Writer, warnings []string) error {
	for i, warn := range warnings {
		if i == textMaxWarnings {
			_, err := fmt.Fprintf(w, "warning: … and %d more\n", len(warnings)-textMaxWarnings)
			return err
		}
		if _, err := fmt.Fprintf(w, "warning: %s\n", printable(warn)); err != nil {
			return err
		}
	}
	return nil
}

// WriteErrors writes what an incomplete scan could not read, one per line
// as the text report lists them, for machine formats to write beside the
// summary.
func WriteErrors(w io.Writer, errs []string) error {
	for i, e := range errs {
		if i == textMaxWarnings {
			_, err := fmt.Fprintf(w, "error: … and %d more\n", len(errs)-textMaxWarnings)
			return err
		}
		if _, err := fmt.Fprintf(w, "error: %s\n", printable(e)); err != nil {
			return err
		}
	}
	return nil
}
