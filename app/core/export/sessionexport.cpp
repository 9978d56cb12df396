// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionexport.h"

#include "exportwriter.h"
#include "version.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 RawChunkSize = 64 * 1024;
constexpr qint64 ProgressInterval = 4 << 20;

using ShouldContinue = std::function<bool()>;
// Hands records to a sink, asking shouldContinue before each one.
using Source = std::function<SessionReader::Result(SessionSink &sink, const ShouldContinue &shouldContinue)>;

// Collects every record; the events come from the EventDeriver in front of it.
class Collector final : public SessionSink
{
public:
    explicit Collector(Recording *recording)
        : m_recording(recording)
    {
    }

    void headerRead(const SessionHeader &header) override { m_recording->header = header; }
    void requestRead(const RecordedRequest &request) override { m_recording->request = request; }
    void responseRead(const StreamResponse &response, qint64 wallMs) override
    {
        m_recording->responses << response;
        m_recording->responseWallMs << wallMs;
    }
    void chunkRead(const StreamChunk &chunk) override { m_recording->chunks << chunk; }
    void stateRead(const StreamStateChange &change) override { m_recording->states << change; }

private:
    Recording *m_recording;
};

} // namespace

namespace {

// A raw capture as a recording's records: a header, the request when the URL is known, a 200 response and the
// bytes in chunks of 64 KiB, all at time 0.
SessionReader::Result readRaw(QIODevice *device, const QUrl &url, SessionSink &sink,
                              const std::function<void(qint64, qint64)> &progress, const ShouldContinue &shouldContinue)
{
    SessionReader::Result result;
    const qint64 total = device->isSequential() ? -1 : device->size();
    result.header.version = SessionFormat::Version;
    result.header.app = u"SSE Scope "_s + QLatin1StringView(SseScope::Version);
    sink.headerRead(result.header);
    if (url.isValid()) {
        RecordedRequest request;
        request.request.url = url;
        sink.requestRead(request);
        ++result.records;
    }
    // A capture holds only the body: it came from a stream that opened, so it gets the head of one.
    StreamResponse response;
    response.attempt = 1;
    response.status = 200;
    response.reasonPhrase = "OK";
    response.url = url;
    response.headers = {{"Content-Type", "text/event-stream"}};
    sink.responseRead(response, 0);
    ++result.records;

    qint64 nextProgress = ProgressInterval;
    for (;;) {
        if (shouldContinue && !shouldContinue()) {
            result.status = SessionReader::Status::Cancelled;
            return result;
        }
        StreamChunk chunk;
        chunk.bytes.resize(RawChunkSize);
        const qint64 read = device->read(chunk.bytes.data(), RawChunkSize);
        if (read < 0) {
            result.status = SessionReader::Status::Error;
            result.error = SessionExport::tr("cannot read the capture: %1").arg(device->errorString());
            return result;
        }
        if (read == 0)
            break;
        chunk.bytes.resize(read);
        chunk.offset = result.bytesRead;
        chunk.attempt = 1;
        sink.chunkRead(chunk);
        ++result.records;
        result.bytesRead += read;
        if (progress && result.bytesRead >= nextProgress) {
            progress(result.bytesRead, total);
            nextProgress = result.bytesRead + ProgressInterval;
        }
    }
    if (progress)
        progress(result.bytesRead, total);
    return result;
}

// Runs a source's records through an EventDeriver into the format's writer.
SessionExport::Result exportRecords(const Source &source, ExportWriter *writer, const ShouldContinue &shouldContinue)
{
    using Status = SessionExport::Result::Status;
    SessionExport::Result result;
    if (writer->failed()) {
        result.status = Status::OutputError;
        result.error = writer->error();
        return result;
    }
    EventDeriver deriver([writer](const RecordedEvent &event) { writer->eventDerived(event); },
                         [writer](QByteArrayView text, int attempt, qint64 monotonicNs, qint64 wallMs, qint64) {
                             writer->commentDerived(text, attempt, monotonicNs, wallMs);
                         },
                         writer);
    deriver.setDiagnosticHandler(
        [writer](const RecordedDiagnostic &diagnostic) { writer->diagnosticDerived(diagnostic); });
    // A failed write stops the reading: the rest of the input would go nowhere.
    const SessionReader::Result read
        = source(deriver, [&] { return !writer->failed() && (!shouldContinue || shouldContinue()); });
    if (read.status == SessionReader::Status::Ok)
        deriver.finish();
    result.warnings = read.warnings;
    result.events = deriver.events();
    if (writer->failed()) {
        result.status = Status::OutputError;
        result.error = writer->error();
    } else if (read.status == SessionReader::Status::Cancelled) {
        result.status = Status::Cancelled;
        result.error = SessionExport::tr("the export was cancelled");
    } else if (read.status == SessionReader::Status::Error) {
        result.status = Status::InputError;
        result.error = read.error;
    } else if (!writer->finish()) {
        result.status = Status::OutputError;
        result.error = writer->error();
    }
    return result;
}

QString spoolDirectoryFor(const QIODevice *output)
{
    // Beside the output file, which has room for the export; standard output spools in the temporary directory.
    if (const auto *file = qobject_cast<const QFileDevice *>(output); file && !file->fileName().isEmpty())
        return QFileInfo(file->fileName()).absolutePath();
    return QDir::tempPath();
}

} // namespace

std::optional<SessionExport::Format> SessionExport::formatFromName(QStringView name)
{
    for (const Format format : {Format::Ndjson, Format::Csv, Format::Sse, Format::Raw, Format::Har, Format::Sserec}) {
        if (name == formatName(format))
            return format;
    }
    return std::nullopt;
}

QString SessionExport::formatName(Format format)
{
    switch (format) {
    case Format::Ndjson:
        return u"ndjson"_s;
    case Format::Csv:
        return u"csv"_s;
    case Format::Sse:
        return u"sse"_s;
    case Format::Raw:
        return u"raw"_s;
    case Format::Har:
        return u"har"_s;
    case Format::Sserec:
        return QString::fromLatin1(SessionFormat::FileSuffix);
    }
    return {};
}

SessionExport::Result SessionExport::exportFile(const QString &input, QIODevice *output, Format format,
                                                const Options &options)
{
    QString error;
    const auto writer = ExportWriter::create(format, output, spoolDirectoryFor(output), &error);
    if (!writer) {
        Result result;
        result.status = Result::Status::OutputError;
        result.error = error;
        return result;
    }
    const auto source = [&](SessionSink &sink, const ShouldContinue &shouldContinue) {
        if (options.fromRaw) {
            QFile file(input);
            if (!file.open(QIODevice::ReadOnly)) {
                SessionReader::Result result;
                result.status = SessionReader::Status::Error;
                result.error = tr("cannot open %1: %2").arg(input, file.errorString());
                return result;
            }
            return readRaw(&file, options.url, sink, options.progress, shouldContinue);
        }
        SessionReader reader;
        reader.setProgressCallback(options.progress, ProgressInterval);
        reader.setContinueCallback(shouldContinue);
        return reader.readFile(input, sink);
    };
    return exportRecords(source, writer.get(), options.shouldContinue);
}

void SessionExport::visit(const Recording &recording, SessionSink &sink)
{
    sink.headerRead(recording.header);
    if (recording.request)
        sink.requestRead(*recording.request);
    // Records go out in time order, responses before chunks before states at the same time.
    struct Item
    {
        qint64 ns;
        int kind;
        qsizetype index;
    };
    QList<Item> items;
    items.reserve(recording.responses.size() + recording.chunks.size() + recording.states.size());
    for (qsizetype i = 0; i < recording.responses.size(); ++i)
        items << Item{recording.responses.at(i).monotonicNs, 0, i};
    for (qsizetype i = 0; i < recording.chunks.size(); ++i)
        items << Item{recording.chunks.at(i).monotonicNs, 1, i};
    for (qsizetype i = 0; i < recording.states.size(); ++i)
        items << Item{recording.states.at(i).monotonicNs, 2, i};
    std::stable_sort(items.begin(), items.end(),
                     [](const Item &a, const Item &b) { return a.ns != b.ns ? a.ns < b.ns : a.kind < b.kind; });
    for (const Item &item : std::as_const(items)) {
        if (item.kind == 0)
            sink.responseRead(recording.responses.at(item.index), recording.responseWallMs.value(item.index));
        else if (item.kind == 1)
            sink.chunkRead(recording.chunks.at(item.index));
        else
            sink.stateRead(recording.states.at(item.index));
    }
}

bool SessionExport::load(const QString &path, Recording *recording, QString *error, QStringList *warnings)
{
    *recording = {};
    Collector collector(recording);
    EventDeriver deriver([recording](const RecordedEvent &event) { recording->events << event; }, {}, &collector);
    const SessionReader::Result result = SessionReader().readFile(path, deriver);
    if (warnings)
        *warnings = result.warnings;
    if (!result.ok()) {
        if (error)
            *error = result.error;
        *recording = {};
        return false;
    }
    return true;
}

Recording SessionExport::fromRaw(const QByteArray &body, const QUrl &url)
{
    Recording recording;
    Collector collector(&recording);
    EventDeriver deriver([&recording](const RecordedEvent &event) { recording.events << event; }, {}, &collector);
    QBuffer buffer;
    buffer.setData(body);
    buffer.open(QIODevice::ReadOnly);
    readRaw(&buffer, url, deriver, {}, {});
    return recording;
}

QByteArray SessionExport::write(const Recording &recording, Format format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QString error;
    // HAR spools in memory here: the recording is in memory already.
    const auto writer = ExportWriter::create(format, &buffer, QString(), &error);
    if (!writer)
        return {};
    const auto source = [&recording](SessionSink &sink, const ShouldContinue &) {
        visit(recording, sink);
        return SessionReader::Result();
    };
    const Result result = exportRecords(source, writer.get(), {});
    buffer.close();
    return result.ok() ? bytes : QByteArray();
}

bool SessionExport::writeRecording(const Recording &recording, const QString &path, QString *error)
{
    const std::unique_ptr<ExportWriter> writer = ExportWriter::createRecording(path);
    if (!writer->failed())
        visit(recording, *writer);
    const bool ok = writer->finish();
    if (!ok && error)
        *error = writer->error();
    return ok;
}
