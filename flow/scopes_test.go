package flow

import (
	"slices"
	"testing"

	"github.com/flexslot/flexslot-register/api"
)

// TestLackedScopes: the scopes a partner account does not list, in the
// request's order, and none when its list is not known.
func TestLackedScopes(t *testing.T) {
	tests := []struct {
		name    string
		partner *api.Partner
		scopes  []string
		want    []string
	}{
		{"partner not known", nil, []string{"decks:write"}, nil},
		{"partner lists no scopes: not known", &api.Partner{}, []string{"decks:write"}, nil},
		{"all listed", &api.Partner{Scopes: []string{"decks:read", "decks:write"}}, []string{"decks:write"}, nil},
		{"one lacked, in the request's order", &api.Partner{Scopes: []string{"decks:read"}}, []string{"exports:read", "decks:read", "decks:write"},
			[]string{"exports:read", "decks:write"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LackedScopes(tt.partner, tt.scopes); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
