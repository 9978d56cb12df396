// SPDX-License-Identifier: GPL-3.0-or-later
#include "curloptions.h"

#include <algorithm>
#include <array>

using namespace Qt::Literals::StringLiterals;

namespace {

using Opt = CurlOptions::Opt;
using OptionSpec = CurlOptions::Spec;

// Harmless and Ignored options are listed below the table.
constexpr auto Options = std::to_array<OptionSpec>({
    {u'X', "request"_L1, Opt::Request, true},
    {u'H', "header"_L1, Opt::Header, true},
    {u'd', "data"_L1, Opt::Data, true},
    {0, "data-ascii"_L1, Opt::Data, true},
    {0, "data-binary"_L1, Opt::Data, true},
    {0, "data-raw"_L1, Opt::DataRaw, true},
    {0, "data-urlencode"_L1, Opt::DataUrlEncode, true},
    {0, "json"_L1, Opt::Json, true},
    {0, "url"_L1, Opt::Url, true},
    {u'u', "user"_L1, Opt::User, true},
    {u'A', "user-agent"_L1, Opt::UserAgent, true},
    {u'b', "cookie"_L1, Opt::Cookie, true},
    {u'e', "referer"_L1, Opt::Referer, true},
    {0, "cacert"_L1, Opt::CaCert, true},
    {u'x', "proxy"_L1, Opt::Proxy, true},
    {0, "socks5"_L1, Opt::Socks5, true},
    {0, "socks5-hostname"_L1, Opt::Socks5, true},
    {0, "noproxy"_L1, Opt::NoProxy, true},
    {u'k', "insecure"_L1, Opt::Insecure, false},
    {u'G', "get"_L1, Opt::Get, false},
    {u'I', "head"_L1, Opt::Head, false},
    {u'F', "form"_L1, Opt::Form, true},
    {0, "form-string"_L1, Opt::Form, true},
    {u'T', "upload-file"_L1, Opt::UploadFile, true},
    {0, "oauth2-bearer"_L1, Opt::Bearer, true},
});

// Options that change only what curl prints or how it connects, which a stream monitor does anyway.
constexpr QLatin1StringView HarmlessShort = "NsSvLifgq46#"_L1;
constexpr QLatin1StringView HarmlessLong
    = " no-buffer silent show-error verbose location include fail progress-bar globoff disable ipv4 ipv6 compressed"
      " fail-with-body no-progress-meter location-trusted http1.0 http1.1 http2 http2-prior-knowledge http3"
      " tr-encoding raw path-as-is tcp-nodelay no-keepalive ssl-no-revoke basic tlsv1 tlsv1.0 tlsv1.1 tlsv1.2"
      " tlsv1.3 "_L1;
// Options that change curl's behaviour in a way a stream tab does not repeat: reported, then ignored.
constexpr QLatin1StringView IgnoredShortWithValue = "moywcDKEUrCz"_L1;
constexpr QLatin1StringView IgnoredLongWithValue
    = " max-time connect-timeout output output-dir retry retry-delay retry-max-time write-out max-redirs cookie-jar"
      " dump-header limit-rate resolve connect-to interface speed-time speed-limit trace trace-ascii stderr config"
      " cert key cert-type key-type pass capath ciphers tls-max pinnedpubkey crlfile proxy-user proxy-header"
      " proxy-cacert keepalive-time expect100-timeout local-port dns-servers doh-url unix-socket"
      " abstract-unix-socket aws-sigv4 request-target range continue-at time-cond max-filesize rate variable"
      " happy-eyeballs-timeout-ms alt-svc hsts etag-save etag-compare netrc-file "_L1;
constexpr QLatin1StringView IgnoredShortFlags = "OJnjRZ"_L1;
constexpr QLatin1StringView IgnoredLongFlags
    = " remote-name remote-header-name retry-all-errors retry-connrefused proxy-insecure netrc netrc-optional digest"
      " ntlm negotiate anyauth junk-session-cookies remote-time parallel create-dirs "_L1;

bool listed(QLatin1StringView list, QStringView name)
{
    return !name.isEmpty() && !name.contains(u' ') && QString(list).contains(u' ' + name.toString() + u' ');
}

} // namespace

std::optional<CurlOptions::Spec> CurlOptions::findShort(QChar letter)
{
    const auto found = std::find_if(Options.begin(), Options.end(),
                                    [letter](const OptionSpec &spec) { return spec.shortName == letter.unicode(); });
    if (found != Options.end())
        return *found;
    if (HarmlessShort.contains(letter))
        return OptionSpec{letter.unicode(), {}, Opt::Harmless, false};
    if (IgnoredShortWithValue.contains(letter))
        return OptionSpec{letter.unicode(), {}, Opt::Ignored, true};
    if (IgnoredShortFlags.contains(letter))
        return OptionSpec{letter.unicode(), {}, Opt::Ignored, false};
    return std::nullopt;
}

std::optional<CurlOptions::Spec> CurlOptions::findLong(QStringView name)
{
    const auto found = std::find_if(Options.begin(), Options.end(),
                                    [name](const OptionSpec &spec) { return spec.longName == name; });
    if (found != Options.end())
        return *found;
    if (listed(HarmlessLong, name))
        return OptionSpec{0, {}, Opt::Harmless, false};
    if (listed(IgnoredLongWithValue, name))
        return OptionSpec{0, {}, Opt::Ignored, true};
    if (listed(IgnoredLongFlags, name))
        return OptionSpec{0, {}, Opt::Ignored, false};
    return std::nullopt;
}
