package uitest

import (
	"testing"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/flow"
)

// SandboxConfigWith is SandboxConfig for a sandbox started with cfg: its
// DPoP switches (DPoPBound, DPoPNonce), as `sandbox --dpop-bound` and
// `--dpop-nonce` set them. A SlowDelay left zero is SandboxConfig's.
func SandboxConfigWith(t *testing.T, cfg sandbox.Config, opts ...api.Option) (*sandbox.Server, flow.Config) {
	t.Helper()
	return serveSandbox(t, cfg, nil, opts...)
}
