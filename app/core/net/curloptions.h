// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLatin1StringView>
#include <QString>

#include <optional>

/** The curl options a curl command is read with: what each does, and whether it takes a value. */
class CurlOptions final
{
public:
    /** What an option does. */
    enum class Opt {
        Request,
        Header,
        Data,
        DataRaw,
        DataUrlEncode,
        Json,
        Url,
        User,
        UserAgent,
        Cookie,
        Referer,
        CaCert,
        Proxy,
        Socks5,
        NoProxy,
        Insecure,
        Get,
        Head,
        Form,
        UploadFile,
        Bearer,
        Harmless, // changes only what curl prints or how it connects, which a stream monitor does anyway
        Ignored // changes curl's behaviour in a way a stream tab does not repeat: reported, then ignored
    };

    struct Spec
    {
        char16_t shortName; // 0 when there is none
        QLatin1StringView longName;
        Opt opt;
        bool takesValue;
    };

    /** The option -letter, or nothing when curl has none that is known here. */
    static std::optional<Spec> findShort(QChar letter);
    /** The option --name, or nothing. */
    static std::optional<Spec> findLong(QStringView name);
};
