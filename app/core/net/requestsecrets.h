// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "streamrequest.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <functional>

/** A credential in a request: a header's value, or the password in its URL or in its proxy's URL. */
struct RequestSecret
{
    enum class Place { Header, UrlPassword, ProxyPassword };

    Place place = Place::Header;
    QByteArray headerName; // for Place::Header, as the request spells it
    qsizetype headerIndex = -1; // for Place::Header, its position in StreamRequest::headers
    QByteArray value;

    friend bool operator==(const RequestSecret &, const RequestSecret &) = default;
};

/**
 * Which parts of a request are credentials, the one list that recordings, exports and the saved requests
 * follow; and taking them out of a request and putting them back.
 */
class RequestSecrets final
{
public:
    /** True for a header whose value is a credential (Authorization, Cookie, names with "token" and the like). */
    static bool isSecretHeader(QByteArrayView name);

    /**
     * Empties every non-empty credential of the request (a password leaves its URL) and returns them in the
     * order of the request. A header value for which keep returns true stays, such as a placeholder that
     * names an environment variable instead of holding the key.
     */
    static QList<RequestSecret> take(StreamRequest &request,
                                     const std::function<bool(QByteArrayView value)> &keep = {});

    /**
     * Puts secrets back where they are still missing: a header at its index when its name matches and its
     * value is empty, a password when the URL has none. Returns those that found no place.
     */
    static QList<RequestSecret> restore(StreamRequest &request, const QList<RequestSecret> &secrets);
};
