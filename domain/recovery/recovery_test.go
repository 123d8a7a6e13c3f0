package recovery

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api"
)

type lister struct {
	clients []api.OAuth2Client
	err     error
}

func (l lister) ListOAuth2Clients(context.Context) ([]api.OAuth2Client, error) {
	return l.clients, l.err
}

func TestCheck(t *testing.T) {
	since := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	req := api.CreateClientRequest{ApplicationName: "Deck Tracker", RedirectURIs: []string{"https://a.example/cb"}}
	client := func(id, name, kind string, uris []string, at time.Time) api.OAuth2Client {
		return api.OAuth2Client{ClientID: id, ApplicationName: name, ClientType: kind, RedirectURIs: uris, CreatedAt: at}
	}
	uris := req.RedirectURIs
	tests := []struct {
		name    string
		lister  lister
		verdict Verdict
		id      string
	}{
		{"the list fails", lister{err: errors.New("boom")}, Unknown, ""},
		{"no clients", lister{}, NotCreated, ""},
		{"created just now", lister{clients: []api.OAuth2Client{client("cli_1", "Deck Tracker", "confidential", uris, since.Add(time.Second))}}, Created, "cli_1"},
		{"the server's clock a minute behind", lister{clients: []api.OAuth2Client{client("cli_1", "deck tracker ", "confidential", uris, since.Add(-time.Minute))}}, Created, "cli_1"},
		{"an older client of that name", lister{clients: []api.OAuth2Client{client("cli_1", "Deck Tracker", "confidential", uris, since.Add(-time.Hour))}}, NotCreated, ""},
		{"another type", lister{clients: []api.OAuth2Client{client("cli_1", "Deck Tracker", "public", uris, since)}}, NotCreated, ""},
		{"other redirect URIs", lister{clients: []api.OAuth2Client{client("cli_1", "Deck Tracker", "confidential", []string{"https://b.example/cb"}, since)}}, NotCreated, ""},
		{"the newest of two", lister{clients: []api.OAuth2Client{
			client("cli_1", "Deck Tracker", "confidential", uris, since.Add(time.Second)),
			client("cli_2", "Deck Tracker", "confidential", uris, since.Add(2*time.Second))}}, Created, "cli_2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Check(context.Background(), tt.lister, req, since)
			if f.Verdict != tt.verdict || f.Client.ClientID != tt.id || (tt.verdict == Unknown) != (f.Err != nil) {
				t.Errorf("got %+v", f)
			}
		})
	}
}
