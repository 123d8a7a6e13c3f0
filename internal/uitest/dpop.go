package uitest

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/flow"
)

// SandboxConfigWith is SandboxConfig for a sandbox started with cfg: its
// DPoP switches (DPoPBound, DPoPNonce), as `sandbox --dpop-bound` and
// `--dpop-nonce` set them. A SlowDelay left zero is SandboxConfig's.
func SandboxConfigWith(t *testing.T, cfg sandbox.Config, opts ...api.Option) (*sandbox.Server, flow.Config) {
	t.Helper()
	if cfg.SlowDelay == 0 {
		cfg.SlowDelay = 50 * time.Millisecond
	}
	sb := sandbox.New(cfg)
	srv := httptest.NewServer(sb)
	t.Cleanup(func() {
		sb.Close()
		srv.Close()
	})
	return sb, flow.Config{
		Token: sb.Token(),
		Connect: func(token string) (flow.API, error) {
			return api.New(srv.URL, token, opts...)
		},
	}
}
