package script

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/domain/secretfile"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
	"github.com/flexslot/flexslot-register/validate"
)

// Preflight is what a registration without the wizard decides before
// anything is sent: the problems that stop it (exit 2) and the warnings it
// goes on with. Run and DryRun both ask it, so that a dry run passes exactly
// when the run would go ahead. It makes no file and asks the API nothing.
func Preflight(opts Options, io *iostreams.IOStreams) (problems, warnings []string) {
	req := opts.Request.WithDefaults()
	if missing := cli.Missing(req); len(missing) > 0 {
		why := "no terminal to ask in"
		if opts.DryRun {
			why = "a dry run asks nothing"
		}
		problems = append(problems, "missing "+strings.Join(missing, ", ")+" ("+why+")")
	}
	if opts.Token == "" {
		problems = append(problems, advice.NoToken())
	}
	if opts.IfExists != "" && !slices.Contains(flow.IfExistsChoices, opts.IfExists) {
		problems = append(problems, "--if-exists takes "+strings.Join(flow.IfExistsChoices, ", "))
	}
	if req.ClientType == validate.ClientConfidential {
		if problem := uncaptured(opts, io, "a confidential client's secret"); problem != "" {
			problems = append(problems, problem)
		}
	}
	if opts.SecretFile != "" {
		if err := secretfile.Check(opts.SecretFile, opts.Force); err != nil {
			problems = append(problems, secretFileProblem(err))
		}
	}
	if len(req.AllowedScopes) == 0 {
		warnings = append(warnings, advice.NoScopes)
	}
	return problems, warnings
}

// preflight is Preflight as the run ends on it: the problems as one usage
// error, or nil after the warnings are said on stderr.
func preflight(opts Options, io *iostreams.IOStreams) error {
	problems, warnings := Preflight(opts, io)
	if len(problems) > 0 {
		return cli.Usage(errors.New(strings.Join(problems, "\nflexslot-register: ")))
	}
	for _, w := range warnings {
		fmt.Fprintln(io.ErrOut, "flexslot-register: warning:", w)
	}
	return nil
}

// secretFileProblem is the words of a --secret-file that cannot be used.
func secretFileProblem(err error) string {
	return fmt.Sprintf("--secret-file: %v; choose another path, or add --force to replace a file", err)
}
