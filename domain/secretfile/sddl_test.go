package secretfile

import (
	"errors"
	"testing"
)

// TestOwnerOnlySDDL: a user's SID becomes a protected DACL with one ACE
// allowing that user everything; anything that is not an S-1-… SID, and so
// could add an ACE or name another trustee, is refused.
func TestOwnerOnlySDDL(t *testing.T) {
	tests := []struct {
		name, sid, want string
	}{
		{"a domain user", "S-1-5-21-3623811015-3361044348-30300820-1013", "D:P(A;;FA;;;S-1-5-21-3623811015-3361044348-30300820-1013)"},
		{"a local account", "S-1-5-21-1004336348-1177238915-682003330-1001", "D:P(A;;FA;;;S-1-5-21-1004336348-1177238915-682003330-1001)"},
		{"LocalSystem", "S-1-5-18", "D:P(A;;FA;;;S-1-5-18)"},
		{"an Azure AD user", "S-1-12-1-1234567890-1234567890-1234567890-1234567890", "D:P(A;;FA;;;S-1-12-1-1234567890-1234567890-1234567890-1234567890)"},
		{"an authority in hex", "S-1-0x000000000005-18", "D:P(A;;FA;;;S-1-0x000000000005-18)"},
		{"the largest sub-authority", "S-1-5-4294967295", "D:P(A;;FA;;;S-1-5-4294967295)"},
		{"fifteen sub-authorities", "S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15", "D:P(A;;FA;;;S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15)"},

		{"empty", "", ""},
		{"an SDDL alias: everyone", "WD", ""},
		{"an SDDL alias: the owner", "OW", ""},
		{"a second ACE", "S-1-5-18)(A;;FA;;;WD", ""},
		{"a closing parenthesis", "S-1-5-18)", ""},
		{"a semicolon", "S-1-5;18", ""},
		{"lower-case s", "s-1-5-18", ""},
		{"revision 2", "S-2-5-18", ""},
		{"no sub-authority", "S-1-5", ""},
		{"an empty sub-authority", "S-1-5--18", ""},
		{"a trailing dash", "S-1-5-18-", ""},
		{"sixteen sub-authorities", "S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16", ""},
		{"a sub-authority over 32 bits", "S-1-5-4294967296", ""},
		{"a signed sub-authority", "S-1-5-+18", ""},
		{"an underscore", "S-1-5-1_8", ""},
		{"an authority over 48 bits", "S-1-281474976710656-18", ""},
		{"a short hex authority", "S-1-0x5-18", ""},
		{"a hex sub-authority", "S-1-5-0x12", ""},
		{"spaces", " S-1-5-18 ", ""},
		{"a line break", "S-1-5-18\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ownerOnlySDDL(tt.sid)
			if tt.want == "" {
				if !errors.Is(err, errNotSID) || got != "" {
					t.Errorf("ownerOnlySDDL(%q) = %q, %v; want errNotSID", tt.sid, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ownerOnlySDDL(%q) = %q, %v; want %q", tt.sid, got, err, tt.want)
			}
		})
	}
}
