package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// FlagError turns a flag parse error of cmd into a usage error of one line,
// with the nearest flag of cmd when one is close to what was typed
// ("unknown flag: --nmae (did you mean --name?)"). A Go-style -name, which
// pflag reads as the shorthands n, a, m, e, is pointed at --name.
func FlagError(cmd *cobra.Command, err error) error {
	var refused *ValueError
	if errors.As(err, &refused) {
		return Usage(refused)
	}
	var missing *pflag.NotExistError
	if !errors.As(err, &missing) {
		return Usage(err)
	}
	typed := missing.GetSpecifiedName()
	msg := "unknown flag: --" + typed
	if group := missing.GetSpecifiedShortnames(); group != "" {
		group, _, _ = strings.Cut(group, "=") // -name=x
		typed = group
		msg = "unknown flag: -" + group
	}
	switch near := nearestFlag(cmd, typed); {
	case typed == "token":
		msg += " (there is none, so that the token stays out of shell history and ps: set FLEXSLOT_TOKEN, or pipe it with --token-stdin)"
	case near != "":
		msg += fmt.Sprintf(" (did you mean --%s?)", near)
	}
	return Usage(errors.New(msg))
}

// ValueError is a flag's value refused where it is parsed: Words say why
// (the values it takes), Near is the nearest of them ("" when none is near).
type ValueError struct {
	Flag, Words, Near string
}

// Error is the refusal as one line: "--if-exists: "resue" is not one of
// fail, reuse, rotate (did you mean reuse?)".
func (e *ValueError) Error() string {
	if e.Near == "" {
		return "--" + e.Flag + ": " + e.Words
	}
	return "--" + e.Flag + ": " + strings.TrimSuffix(e.Words, ".") + " (did you mean " + e.Near + "?)"
}

// nearestFlag is the name of cmd's flag nearest to typed (see nearest); ""
// when none is near.
func nearestFlag(cmd *cobra.Command, typed string) string {
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	return nearest(typed, names)
}

// nearest is the one of names nearest to typed: the same, one it begins (of
// three letters or more), or one at most two edits away; "" when none is.
func nearest(typed string, names []string) string {
	best, bestDistance := "", 3
	for _, name := range names {
		d := distance(typed, name)
		if len(typed) >= 3 && strings.HasPrefix(name, typed) {
			d = min(d, 1)
		}
		if d < bestDistance {
			best, bestDistance = name, d
		}
	}
	return best
}

// distance is the Levenshtein distance of a and b, in bytes (flag names are
// ASCII).
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// UnknownCommand is the Args of a command whose positional arguments can
// only be its subcommands: one that is none is named in a usage error with
// the nearest commands.
func UnknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q", args[0])
	if near := cmd.SuggestionsFor(args[0]); len(near) > 0 {
		msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(near, " or "))
	} else {
		msg += fmt.Sprintf(" (the commands: %s --help)", cmd.CommandPath())
	}
	return Usage(errors.New(msg))
}
