package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/muesli/mango"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/flexslot/flexslot-register/internal/cli"
)

// newCmdMan is man, which prints the man page, flexslot-register(1), made from the
// commands and their flags. Its date is SOURCE_DATE_EPOCH's when set, so
// that a release builds the same page every time.
func newCmdMan() *cobra.Command {
	return &cobra.Command{
		Use:               "man",
		Short:             "Print the man page",
		Hidden:            true,
		Args:              cli.UnknownCommand,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			date, err := sourceDate()
			if err != nil {
				return cli.Usage(err)
			}
			root := cmd.Root()
			page := mango.NewManPage(1, root.Name(), root.Short).WithLongDescription(paragraphs(root.Long))
			page.Root = *mango.NewCommand(root.Name(), "", "")
			if err := addManCommand(&page.Root, root); err != nil {
				return err
			}
			page = page.WithSection("Environment", manEnvironment).
				WithSection("Exit status", manExitStatus).
				WithSection("See also", "https://github.com/flexslot/flexslot-register")
			_, err = fmt.Fprint(cmd.OutOrStdout(), page.Build(datedDocument{roff.NewDocument(), date}))
			return err
		},
	}
}

const manEnvironment = `FLEXSLOT_TOKEN: your personal access token (or --token-stdin).
FLEXSLOT_API_URL: the API's base URL, default https://api.flexslot.gg.
FLEXSLOT_CLIENT_SECRET: test-login's client secret.
ACCESSIBLE: plain line prompts for screen readers, as --accessible.
NO_COLOR: no colour.`

const manExitStatus = `0: registered (or --dry-run passed).
1: failed: refused by the server, network, ...
2: nothing was sent: a bad or missing value, or you left before sending.`

// addManCommand adds to item c's flags and, below it, c's commands but the
// hidden ones and help, as --help lists them.
func addManCommand(item *mango.Command, c *cobra.Command) error {
	for _, sub := range c.Commands() {
		if sub.Hidden || sub.Name() == "help" {
			continue
		}
		child := mango.NewCommand(sub.Name(), sub.Short, sub.Use)
		if err := item.AddCommand(child); err != nil {
			return err
		}
		if err := addManCommand(child, sub); err != nil {
			return err
		}
	}
	var err error
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if err == nil {
			err = item.AddFlag(mango.Flag{Name: f.Name, Short: f.Shorthand, Usage: strings.Join(strings.Fields(f.Usage), " "), PFlag: true})
		}
	})
	return err
}

// paragraphs joins the lines of each paragraph of text, which roff would
// make a paragraph each.
func paragraphs(text string) string {
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		out = append(out, strings.Join(strings.Fields(p), " "))
	}
	return strings.Join(out, "\n")
}

// sourceDate is SOURCE_DATE_EPOCH's time (reproducible-builds.org), else now.
func sourceDate() (time.Time, error) {
	epoch := os.Getenv("SOURCE_DATE_EPOCH")
	if epoch == "" {
		return time.Now().UTC(), nil
	}
	seconds, err := strconv.ParseInt(epoch, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%s: not a number of seconds", epoch)
	}
	return time.Unix(seconds, 0).UTC(), nil
}

// manManual is the title of the manual the page belongs to, which man shows
// at the middle of the page's header: the section's own, as for other
// commands.
const manManual = "General Commands Manual"

// datedDocument is a roff document whose heading has a given date, not the
// time of the build, and the manual's title where mango puts the command's
// description, which man would cram between the header's two page names.
type datedDocument struct {
	*roff.Document
	date time.Time
}

// Heading writes the title heading (.TH title section date source manual)
// with d's date and manManual.
func (d datedDocument) Heading(section uint, title, _ string, _ time.Time) {
	d.Document.Heading(section, title, manManual, d.date)
}
