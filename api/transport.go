package api

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
)

// transportError explains a request that got no answer. sent says whether the
// request had been written, so that the server may have acted on it.
func (c *Client) transportError(ctx context.Context, op string, err error, sent bool) *Error {
	e := &Error{Op: op, Err: err, MayHaveCreated: sent}
	host := c.base.Host
	var (
		dnsErr  *net.DNSError
		opErr   *net.OpError
		certErr *tls.CertificateVerificationError
		unknown x509.UnknownAuthorityError
		hostErr x509.HostnameError
		invalid x509.CertificateInvalidError
		notTLS  tls.RecordHeaderError
	)
	switch {
	case errors.Is(context.Cause(ctx), errRequestTimeout):
		e.Message = fmt.Sprintf("%s did not answer within %s", host, c.timeout)
	case errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded):
		e.Message = host + " did not answer in time"
	case errors.Is(err, context.Canceled):
		e.Message = "cancelled"
	case errors.As(err, &certErr) || errors.As(err, &unknown) || errors.As(err, &hostErr) || errors.As(err, &invalid):
		e.Message = fmt.Sprintf("the certificate of %s is not trusted (%s); check the API URL, and any proxy that intercepts https", host, certReason(err))
		e.MayHaveCreated = false
	case errors.As(err, &notTLS) || strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		// net/http replaces the tls.RecordHeaderError with that text.
		e.Message = fmt.Sprintf("%s did not answer in TLS: is the API URL https on a plain-http server?", host)
		e.MayHaveCreated = false
	case errors.As(err, &dnsErr):
		e.Message = fmt.Sprintf("could not find the host %s; check the API URL and your network", dnsErr.Name)
		e.MayHaveCreated = false
	case errors.As(err, &opErr) && opErr.Op == "dial":
		e.Message = fmt.Sprintf("could not connect to %s: %s", host, syscallReason(opErr))
		e.MayHaveCreated = false
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		e.Message = host + " closed the connection before answering in full"
	default:
		e.Message = "the connection to " + host + " failed: " + c.scrub(innermost(err))
	}
	return e
}

// certReason names what is wrong with a certificate, in a few words.
func certReason(err error) string {
	var (
		unknown x509.UnknownAuthorityError
		hostErr x509.HostnameError
		invalid x509.CertificateInvalidError
	)
	switch {
	case errors.As(err, &unknown):
		return "signed by an unknown authority"
	case errors.As(err, &hostErr):
		return "issued for another host name"
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return "expired or not yet valid"
	}
	return "verification failed"
}

// syscallReason is the last part of a dial error, e.g. "connection refused".
func syscallReason(err *net.OpError) string {
	if err.Err == nil {
		return "failed"
	}
	return innermost(err.Err)
}

// innermost returns the text of the deepest wrapped error, which names the cause
// without repeating URLs and addresses.
func innermost(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}
