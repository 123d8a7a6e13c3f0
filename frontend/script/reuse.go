package script

import (
	"fmt"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/secretfile"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/iostreams"
)

// reuse hands back c, the client of the request's name, when found (from
// flow.WhenExists) says it is what the request describes, or refuses it,
// naming each difference. Either way nothing is sent, its secret stays the
// one stored, and no file is written.
func reuse(c api.OAuth2Client, found flow.Exists, opts Options, file *secretfile.Pending, io *iostreams.IOStreams) error {
	abort(file) // no secret to write: the run that created it stored it
	said, err := found.Ending(opts.SecretFile)
	for _, line := range said {
		fmt.Fprintln(io.ErrOut, line)
	}
	if err != nil {
		return err
	}
	endpoints := flow.EndpointsOf(opts.baseURL)
	if opts.JSON {
		return exitOnWrite(encodeJSON(io, output{OAuth2Client: c.Sanitized(), Reused: true, Endpoints: endpoints}))
	}
	fmt.Fprint(io.ErrOut, endpoints.Rows()) // as a create's, for the app's configuration
	_, err = fmt.Fprintln(io.Out, c.ClientID)
	return exitOnWrite(err)
}
