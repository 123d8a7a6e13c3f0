package uitest

import "sync"

// FakeKeep stands for flow.Config.KeepToken: it records what it was asked
// to keep, and fails with Err when set.
type FakeKeep struct {
	mu   sync.Mutex
	kept []string
	Err  error
}

// Keep is the flow.Config.KeepToken.
func (f *FakeKeep) Keep(token string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.kept = append(f.kept, token)
	if f.Err != nil {
		return "", f.Err
	}
	return "the test keychain", nil
}

// Calls are the tokens Keep was given, in order.
func (f *FakeKeep) Calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.kept...)
}
