package sandbox

import (
	"net"
	"net/http"
	"net/url"
	"strings"

	"go.uber.org/zap"
)

// The sandbox listens on the user's own machine, where every web page they visit runs too. A page
// of another site may send requests to 127.0.0.1 (a form, an image, fetch without reading the
// answer) or reach it under a name of its own that it re-points at 127.0.0.1 (DNS rebinding).
// So the sandbox answers only requests addressed to an IP address or localhost, and of those it
// refuses the ones a browser marks as coming from another site: every request to the local Bot
// API (where even a GET sends a message or moves the update offset) and every state-changing
// request of the page's API.

// guard wraps the whole sandbox.
func (s *Server) guard(botAPI, page http.Handler) http.Handler {
	pageGuard := http.NewCrossOriginProtection()
	pageGuard.SetDenyHandler(http.HandlerFunc(s.refuseCrossSite))
	page = pageGuard.Handler(page)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !localHost(r.Host, s.cfg.Addr) {
			s.log.Warn("sandbox: request for another host name refused",
				zap.String("host", r.Host), zap.String("path", r.URL.Path), zap.String("remote_addr", r.RemoteAddr))
			writeProblem(w, http.StatusMisdirectedRequest, "The sandbox answers only at its own address, such as "+Config{Addr: s.cfg.Addr}.URL()+".")
			return
		}
		if strings.HasPrefix(r.URL.Path, "/bot") || strings.HasPrefix(r.URL.Path, "/file/bot") {
			if fromAnotherSite(r) {
				s.refuseCrossSite(w, r)
				return
			}
			botAPI.ServeHTTP(w, r)
			return
		}
		page.ServeHTTP(w, r)
	})
}

func (s *Server) refuseCrossSite(w http.ResponseWriter, r *http.Request) {
	s.log.Warn("sandbox: cross-site request refused",
		zap.String("method", r.Method), zap.String("path", r.URL.Path), zap.String("origin", r.Header.Get("Origin")),
		zap.String("sec_fetch_site", r.Header.Get("Sec-Fetch-Site")), zap.String("remote_addr", r.RemoteAddr))
	writeProblem(w, http.StatusForbidden, "The sandbox takes requests only from its own page, not from other sites.")
}

// fromAnotherSite tells whether a browser sent r on behalf of a page of another origin, whatever
// the method: by Sec-Fetch-Site (every current browser), else by Origin. A request with neither
// header comes from a program (the bot, curl) or from the page itself.
func fromAnotherSite(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "same-origin", "none": // the page itself, or the user typing the address
		return false
	case "":
	default: // same-site, cross-site
		return true
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return false
	}
	o, err := url.Parse(origin)
	return err != nil || o.Host != r.Host
}

// localHost tells whether host (a request's Host header) names the sandbox by an address no other
// site can take over: an IP address, localhost, or the host of SANDBOX_ADDR.
func localHost(host, addr string) bool {
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	name = strings.TrimSuffix(strings.Trim(name, "[]"), ".")
	if name == "" {
		return true // no Host header: not a browser (which always sends one)
	}
	if configured, _, err := net.SplitHostPort(addr); err == nil && configured != "" && strings.EqualFold(name, configured) {
		return true
	}
	return net.ParseIP(name) != nil || strings.EqualFold(name, "localhost")
}
