package script

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/golive"
	"github.com/flexslot/flexslot-register/internal/iostreams"
)

// DryRun checks the request as Run would (Preflight: every problem that
// would stop the run, exit 2, and every warning it would give), prints the
// request and the equivalent curl command, and runs the go-live check unless
// opts.CheckLinks is nil. It sends nothing to the API and makes no file. Its
// go-live findings are warnings, as on the wizard's review: the run would go
// ahead, so the dry run passes (exit 0); `check` is the command that fails
// on them.
func DryRun(ctx context.Context, opts Options, baseURL string, io *iostreams.IOStreams) error {
	opts.DryRun = true
	if err := preflight(opts, io); err != nil {
		return err
	}
	req := opts.Request.WithDefaults()
	data, _ := json.MarshalIndent(req, "", "  ")
	fmt.Fprintf(io.Out, "%s\n\n%s\n", data, api.CurlCreate(baseURL, req))
	sayGoLive(ctx, opts.CheckLinks, req, io)
	fmt.Fprintln(io.ErrOut, "Dry run: the run would go ahead; nothing was sent.")
	return nil
}

// sayGoLive runs the go-live check, if any, and says on stderr what it found:
// each finding as `check` words it, and what was looked at.
func sayGoLive(ctx context.Context, checkLinks func(context.Context, api.CreateClientRequest) golive.Report, req api.CreateClientRequest, io *iostreams.IOStreams) {
	if checkLinks == nil {
		fmt.Fprintln(io.ErrOut, "Skipped the go-live check (--offline): no link or host was looked at.")
		return
	}
	report := checkLinks(ctx, req)
	switch {
	case report.Offline:
		fmt.Fprintln(io.ErrOut, "flexslot-register: warning: no network here: no link or host could be looked at, so nothing was checked")
		return
	case report.Checked == 0:
		fmt.Fprintln(io.ErrOut, "Nothing to check: no link, and no redirect URI on a public host.")
		return
	}
	for _, f := range report.Findings {
		fmt.Fprintln(io.ErrOut, "flexslot-register: warning:", f.String())
	}
	if len(report.Findings) == 0 {
		fmt.Fprintf(io.ErrOut, "Checked %s: nothing to warn about.\n", report.Looked())
		return
	}
	fmt.Fprintf(io.ErrOut, "Checked %s: %s, which would not stop the run (`check` exits 1 on them).\n", report.Looked(), report.Warnings())
}
