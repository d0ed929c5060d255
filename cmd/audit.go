package cmd

import (
	"github.com/spf13/cobra"
)

// NewCmdAudit builds `secretsweep audit`, the command group for audits of
// many repositories at once.
func NewCmdAudit(f *Factory) *cobra.Command {
	c := &cobra.Command{
		Use:   "audit",
		Short: "Audit many repositories at once (a whole GitHub organisation)",
		Long: `Audit many repositories at once.

"audit org ORG" scans the full history of every repository of a GitHub
organisation; with --state the next run scans only what changed, and --shard
splits the work across machines ("report merge" joins the shards' reports).`,
	}
	c.AddCommand(NewCmdAuditOrg(f, nil))
	return c
}
