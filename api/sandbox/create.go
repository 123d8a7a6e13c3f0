package sandbox

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// Django REST Framework's messages, which the real server sends for structural
// problems; the rules beyond them come from package validate.
const (
	msgRequired  = "This field is required."
	msgNull      = "This field may not be null."
	msgNotString = "Not a valid string."
	msgBlank     = "This field may not be blank."
	msgEmptyList = "This list may not be empty."
	msgTaken     = "An application with this name already exists."
)

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	body, ok := readJSONBody(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	s.received = append(s.received, body)
	index := len(s.received) - 1
	s.attempts++
	s.mu.Unlock()
	answer := &statusWriter{ResponseWriter: w}
	w = answer
	defer func() {
		if answer.status >= 400 {
			s.mu.Lock()
			s.received[index] = nil // a refused body is not kept
			s.mu.Unlock()
		}
	}()

	fields, ok := decodeObject(w, body)
	if !ok {
		return
	}
	if trigger, ok := findTrigger(fields); ok {
		trigger.respond(s, w, r, fields)
		return
	}
	req, errs := decodeCreate(fields)
	if len(errs) == 0 {
		errs = append(errs, uriTriggerErrors(req)...)
		errs = append(errs, s.lackedScopes(req.AllowedScopes)...)
	}
	if len(errs) == 0 && s.nameTaken(req.ApplicationName) {
		errs = append(errs, api.FieldError{Field: api.NonFieldErrors, Index: -1, Message: msgTaken})
	}
	if len(errs) > 0 {
		writeFieldErrors(w, errs)
		return
	}
	resp, err := s.register(req)
	if errors.Is(err, errNameTaken) {
		writeFieldErrors(w, []api.FieldError{{Field: api.NonFieldErrors, Index: -1, Message: msgTaken}})
		return
	}
	if err != nil {
		writeStateError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, resp)
}

// register stores a new client and returns the one answer that holds its
// secret; an error when the state file did not take it.
func (s *Server) register(req api.CreateClientRequest) (api.CreateClientResponse, error) {
	at := now()
	client := api.OAuth2Client{
		ID:                 newUUID(),
		ClientID:           newClientID(at),
		ClientType:         req.ClientType,
		Status:             api.StatusActive,
		ApplicationName:    strings.TrimSpace(req.ApplicationName),
		ApplicationURL:     req.ApplicationURL,
		ApplicationLogoURL: req.ApplicationLogoURL,
		PrivacyPolicyURL:   req.PrivacyPolicyURL,
		TOSURL:             req.TOSURL,
		RedirectURIs:       req.RedirectURIs,
		AllowedScopes:      req.AllowedScopes,
		GrantTypes:         req.GrantTypes,
		RequirePKCE:        true,
		CreatedAt:          at,
		UpdatedAt:          at,
	}
	// The partner admin's setting, for every client (Config.DPoPBound).
	client.DPoPBoundAccessTokens = s.cfg.DPoPBound
	resp := api.CreateClientResponse{}
	if client.ClientType == validate.ClientConfidential {
		client.SecretRotatedAt = &at
		resp.PlaintextClientSecret = api.Secret(newSecret())
		resp.SecretRotatedAt = &at
	}
	resp.Client = client
	taken := false
	err := s.change(func() {
		// Again on the latest state, under the state file's lock: another
		// run may have registered the name since this request's check.
		if taken = s.nameTakenLocked(client.ApplicationName); taken {
			return
		}
		s.clients = append(s.clients, client)
		if resp.PlaintextClientSecret != "" {
			s.setSecret(client.ClientID, resp.PlaintextClientSecret.Reveal())
		}
	})
	if err == nil && taken {
		return api.CreateClientResponse{}, errNameTaken
	}
	return resp, err
}

// errNameTaken is a create whose name another run registered meanwhile.
var errNameTaken = errors.New("the name is taken")

func (s *Server) nameTaken(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nameTakenLocked(name)
}

// nameTakenLocked is nameTaken with s.mu held.
func (s *Server) nameTakenLocked(name string) bool {
	return slices.ContainsFunc(s.clients, func(c api.OAuth2Client) bool {
		return strings.EqualFold(c.ApplicationName, strings.TrimSpace(name))
	})
}

func (s *Server) rotateSecret(w http.ResponseWriter, r *http.Request) {
	if !allow(w, r, http.MethodPost) {
		return
	}
	id := r.PathValue("client_id")
	var answer func()
	err := s.change(func() {
		i := slices.IndexFunc(s.clients, func(c api.OAuth2Client) bool { return c.ClientID == id })
		if i < 0 {
			answer = func() { writeDetail(w, http.StatusNotFound, "Not found.") }
			return
		}
		if s.clients[i].ClientType != validate.ClientConfidential {
			answer = func() {
				writeDetail(w, http.StatusBadRequest, "Public clients have no secret to rotate; they use PKCE alone.")
			}
			return
		}
		at := now()
		s.clients[i].SecretRotatedAt = &at
		s.clients[i].UpdatedAt = at
		secret := newSecret()
		s.setSecret(id, secret) // the old secret stops working
		rotated := api.CreateClientResponse{
			Client:                s.clients[i],
			PlaintextClientSecret: api.Secret(secret),
			SecretRotatedAt:       &at,
		}
		answer = func() { writeJSON(w, http.StatusOK, rotated) }
	})
	if err != nil {
		writeStateError(w, err)
		return
	}
	answer()
}
