package secretfile

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// errNotSID says a string is not a security identifier of the S-1-… form.
var errNotSID = errors.New("not a security identifier (S-1-…)")

// maxSubAuthorities is SID_MAX_SUB_AUTHORITIES: no SID has more.
const maxSubAuthorities = 15

// ownerOnlySDDL is the security descriptor, in SDDL, of a file only the user
// of sid may open: a protected DACL (no ACE inherited from the directory) with
// one ACE allowing that user everything (FA, FILE_ALL_ACCESS). No one else is
// granted anything, whatever the directory's ACL would pass on; only the
// file's owner may still change the DACL, and an administrator may still take
// the file, as with 0600 on Unix. It refuses anything but an S-1-… SID, so
// nothing in sid can add an ACE or name a group by its SDDL alias (WD: everyone).
// The SDDL is built on every platform so that it is tested on every platform;
// only Windows applies it.
func ownerOnlySDDL(sid string) (string, error) {
	if !isSID(sid) {
		return "", fmt.Errorf("%q is %w", sid, errNotSID)
	}
	return "D:P(A;;FA;;;" + sid + ")", nil
}

// isSID reports whether s is a SID in its string form: S-1, the identifier
// authority (decimal, or 0x and twelve hex digits), then one to fifteen
// 32-bit decimal sub-authorities.
func isSID(s string) bool {
	rest, ok := strings.CutPrefix(s, "S-1-")
	if !ok {
		return false
	}
	parts := strings.Split(rest, "-")
	authority, subs := parts[0], parts[1:]
	if len(subs) == 0 || len(subs) > maxSubAuthorities {
		return false
	}
	if hex, ok := strings.CutPrefix(authority, "0x"); ok {
		if len(hex) != 12 || !allDigits(hex, "0123456789abcdefABCDEF") {
			return false
		}
	} else if !isDecimal(authority, 48) {
		return false
	}
	for _, sub := range subs {
		if !isDecimal(sub, 32) {
			return false
		}
	}
	return true
}

// isDecimal reports whether s is a decimal number of at most bits bits,
// written with digits only (no sign, no underscores).
func isDecimal(s string, bits int) bool {
	if !allDigits(s, "0123456789") {
		return false
	}
	_, err := strconv.ParseUint(s, 10, bits)
	return err == nil
}

// allDigits reports whether s is not empty and made of digits only.
func allDigits(s, digits string) bool {
	return s != "" && strings.Trim(s, digits) == ""
}
