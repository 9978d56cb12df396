// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "curloptions.h"
#include "streamrequest.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>

/** One curl command as its options are read, word by word, into a StreamRequest. */
class CurlCommandReader final
{
    Q_DECLARE_TR_FUNCTIONS(CurlCommand) // its messages are the curl command's

public:
    /** Reads the options and URLs of words (words[0] is the program); false with error when one cannot be. */
    bool read(const QStringList &words, QString *error);
    /** The request the options describe, or nothing with error (no URL, or not an http(s) one). */
    std::optional<StreamRequest> finish(QString *error);
    QStringList warnings; // options ignored or unknown, and what else was left out

private:
    bool apply(const CurlOptions::Spec &spec, const QString &name, const QString &value, QString *error);
    void addBody(const QByteArray &piece, bool json);
    void setImplicit(const QByteArray &name, const QByteArray &value);

    StreamRequest m_request;
    QByteArray m_method;
    QStringList m_urls;
    bool m_hasData = false;
    bool m_lastPieceJson = false;
    bool m_json = false;
    bool m_get = false;
    bool m_head = false;
    bool m_noProxy = false;
    QList<QPair<QByteArray, QByteArray>>
        m_implicit; // from -u, -A, -e, -b, -d and --json: a -H of the same name wins, as in curl
    QList<QByteArray> m_removed; // -H "Name:" removes a header curl would add
    QList<QByteArray> m_cookies;
    QStringList m_ignored;
    QStringList m_unknown;
};
