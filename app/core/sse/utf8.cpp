// SPDX-License-Identifier: GPL-3.0-or-later
#include "utf8.h"

#include <QStringDecoder>

#include <algorithm>
#include <cstring>

namespace {

constexpr quint64 HighBits = 0x8080808080808080ULL;
constexpr char Replacement[] = "\xEF\xBF\xBD";

// The lead byte's continuation count and the allowed range of the first continuation byte, which is what
// rules out overlongs, surrogates and code points past U+10FFFF. needed == 0 means "not a lead byte".
struct Lead
{
    int needed = 0;
    uchar lower = 0x80;
    uchar upper = 0xBF;
};

Lead leadOf(uchar c) noexcept
{
    if (c >= 0xC2 && c <= 0xDF)
        return {1, 0x80, 0xBF};
    if (c >= 0xE0 && c <= 0xEF)
        return {2, uchar(c == 0xE0 ? 0xA0 : 0x80), uchar(c == 0xED ? 0x9F : 0xBF)};
    if (c >= 0xF0 && c <= 0xF4)
        return {3, uchar(c == 0xF0 ? 0x90 : 0x80), uchar(c == 0xF4 ? 0x8F : 0xBF)};
    return {};
}

const uchar *skipAscii(const uchar *p, const uchar *end) noexcept
{
    // Four words at a time keep the loads independent; the single-word loop then finds the spot.
    while (end - p >= 32) {
        quint64 words[4];
        std::memcpy(words, p, sizeof words);
        if ((words[0] | words[1] | words[2] | words[3]) & HighBits)
            break;
        p += 32;
    }
    while (end - p >= 8) {
        quint64 word;
        std::memcpy(&word, p, sizeof word);
        if (word & HighBits)
            break;
        p += 8;
    }
    while (p < end && *p < 0x80)
        ++p;
    return p;
}

} // namespace

namespace Utf8 {

bool isAscii(QByteArrayView bytes) noexcept
{
    auto p = reinterpret_cast<const uchar *>(bytes.data());
    const auto end = p + bytes.size();
    // Where the first non-ASCII byte is does not matter here: whole blocks are OR-ed together with one test
    // each, a loop the compiler turns into vector instructions.
    constexpr int BlockWords = 32;
    while (end - p >= BlockWords * 8) {
        quint64 any = 0;
        for (int i = 0; i < BlockWords; ++i) {
            quint64 word;
            std::memcpy(&word, p + 8 * i, sizeof word);
            any |= word;
        }
        if (any & HighBits)
            return false;
        p += BlockWords * 8;
    }
    return skipAscii(p, end) == end;
}

bool isValid(QByteArrayView bytes) noexcept
{
    auto p = reinterpret_cast<const uchar *>(bytes.data());
    const auto end = p + bytes.size();
    while (p < end) {
        // Text that is not ASCII tends to stay that way (CJK, emoji): only look for an ASCII run again
        // after an ASCII byte.
        if (*p < 0x80) {
            // One ASCII byte between others (a space or a comma in CJK text) is stepped over; a run is skipped
            // a word at a time.
            p = p + 1 < end && p[1] < 0x80 ? skipAscii(p, end) : p + 1;
            continue;
        }
        // The three-byte sequences of CJK text, most of it, checked in place.
        // (E0 and ED narrow their second byte's range and take the general path.)
        if (*p >= 0xE1 && *p <= 0xEF && *p != 0xED && end - p > 2 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
            p += 3;
            continue;
        }
        const Lead lead = leadOf(*p);
        if (lead.needed == 0 || end - p <= lead.needed)
            return false;
        if (p[1] < lead.lower || p[1] > lead.upper)
            return false;
        for (int i = 2; i <= lead.needed; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
        }
        p += lead.needed + 1;
    }
    return true;
}

void appendSanitized(QByteArray &out, QByteArrayView bytes)
{
    auto p = reinterpret_cast<const uchar *>(bytes.data());
    const auto end = p + bytes.size();
    out.reserve(out.size() + bytes.size());
    while (p < end) {
        const uchar *ascii = skipAscii(p, end);
        out.append(reinterpret_cast<const char *>(p), ascii - p);
        p = ascii;
        if (p == end)
            break;
        const Lead lead = leadOf(*p);
        if (lead.needed == 0) {
            out.append(Replacement, 3);
            ++p;
            continue;
        }
        // Consume the longest valid prefix of the sequence; a byte that does not fit ends it and is
        // looked at again as the start of something new.
        int seen = 0;
        uchar lower = lead.lower;
        uchar upper = lead.upper;
        while (seen < lead.needed && p + 1 + seen < end) {
            const uchar c = p[1 + seen];
            if (c < lower || c > upper)
                break;
            lower = 0x80;
            upper = 0xBF;
            ++seen;
        }
        if (seen == lead.needed)
            out.append(reinterpret_cast<const char *>(p), seen + 1);
        else
            out.append(Replacement, 3);
        p += seen + 1;
    }
}

QString toString(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(bytes);
}

qsizetype boundaryAtOrBefore(QByteArrayView bytes, qsizetype offset) noexcept
{
    qsizetype at = std::clamp<qsizetype>(offset, 0, bytes.size());
    while (at > 0 && at < bytes.size() && (uchar(bytes[at]) & 0xC0) == 0x80)
        --at;
    return at;
}

QByteArrayView prefix(QByteArrayView bytes, qsizetype limit) noexcept
{
    return bytes.first(boundaryAtOrBefore(bytes, limit));
}

} // namespace Utf8
