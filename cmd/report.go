package cmd

import (
	"github.com/spf13/cobra"
)

// NewCmdReport builds `secretsweep report`, the command group for reports.
func NewCmdReport(f *Factory) *cobra.Command {
	c := &cobra.Command{
		Use:   "report",
		Short: "Work with reports: merge the reports of sharded audits",
	}
	c.AddCommand(NewCmdReportMerge(f, nil))
	return c
}
