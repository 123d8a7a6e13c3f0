package script

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
	"github.com/flexslot/flexslot-register/validate"
)

// Rotate gives a confidential client a new secret without a terminal, and
// delivers it as a create's secret: --secret-file, --json or --print-secret,
// one of which is required. A public client, or one that is not the
// partner's, is refused before the rotation is sent.
func Rotate(ctx context.Context, clientID string, opts Options, io *iostreams.IOStreams) error {
	var problems []string
	if clientID == "" {
		problems = append(problems, "which client? give its id: "+advice.CommandLine("rotate", "CLIENT_ID")+" (no terminal to choose in)")
	}
	if opts.Token == "" {
		problems = append(problems, advice.NoToken())
	}
	if problem := uncaptured(opts, io, "the new secret"); problem != "" {
		problems = append(problems, problem)
	}
	if len(problems) > 0 {
		return cli.Usage(errors.New(strings.Join(problems, "\nflexslot-register: ")))
	}
	file, err := prepareSecretFile(opts)
	if err != nil {
		return err
	}
	client, err := opts.Connect(opts.Token)
	if err == nil {
		err = checkRotatable(ctx, client, clientID)
	}
	if err != nil {
		abort(file)
		return cli.Exit(cli.ExitFailed, err)
	}
	opts.baseURL = client.BaseURL()
	fmt.Fprintf(io.ErrOut, "%s\n", advice.RotationEffect)
	resp, err := client.RotateSecret(ctx, clientID)
	if err != nil {
		abort(file)
		return cli.Exit(cli.ExitFailed, fmt.Errorf("%s", strings.Join(advice.Of(err).Lines(), " ")))
	}
	return deliverAs("New secret for", resp, opts, file, io)
}

// checkRotatable refuses a client that is not the partner's, or public.
func checkRotatable(ctx context.Context, client API, clientID string) error {
	clients, err := client.ListOAuth2Clients(ctx)
	if err != nil {
		return fmt.Errorf("%s", strings.Join(advice.Of(err).Lines(), " "))
	}
	for _, c := range clients {
		if c.ClientID != clientID {
			continue
		}
		if c.ClientType == validate.ClientPublic {
			return errors.New(advice.PublicNoSecret(clientID))
		}
		return nil
	}
	return errors.New(advice.NotOurs(clientID))
}
