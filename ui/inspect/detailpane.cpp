// SPDX-License-Identifier: GPL-3.0-or-later
#include "detailpane.h"

#include "bytetext.h"
#include "chunkhtml.h"
#include "diagnostictext.h"
#include "models/eventlistmodel.h"
#include "models/jsontreemodel.h"
#include "sse/utf8.h"
#include "util/jsonsniff.h"
#include "util/orderedjson.h"

#include <QClipboard>
#include <QDateTime>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {

// Past these sizes the Text and Hex tabs show the start only: laying out megabytes of text stalls the window.
constexpr qsizetype TextLimit = qsizetype(256) << 10;
constexpr qsizetype HexLimit = qsizetype(256) << 10;
// Wrapping a line costs far more than its length (a wrapped 256 KiB line takes seconds): longer lines scroll.
constexpr qsizetype WrapLineLimit = 32 << 10;
// The JSON tree opens level by level while the rows it shows stay about this many.
constexpr int ExpandRows = 200;
constexpr int ExpandDepth = 6;

QString wallText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(u"yyyy-MM-dd hh:mm:ss.zzz"_s);
}

qsizetype longestLine(QByteArrayView text)
{
    qsizetype longest = 0;
    for (qsizetype start = 0; start < text.size();) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        longest = qMax(longest, end - start);
        start = end + 1;
    }
    return longest;
}

QToolButton *copyButton(const QString &text, const QString &toolTip, QWidget *parent)
{
    auto button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setAutoRaise(true);
    return button;
}

} // namespace

DetailPane::DetailPane(QWidget *parent)
    : QWidget(parent)
    , m_header(new QLabel(this))
    , m_cutNote(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_text(new QPlainTextEdit(this))
    , m_jsonModel(new JsonTreeModel(this))
    , m_jsonView(new QTreeView(this))
    , m_hex(new QPlainTextEdit(this))
    , m_chunks(new QTextBrowser(this))
    , m_copyData(copyButton(tr("Copy data"), tr("Copy the row's whole data as text"), this))
    , m_copyAs(copyButton(tr("Copy as"), tr("Copy the row in another form"), this))
{
    // One button and a menu, so that the pane stays narrow beside the table and the producer panel.
    auto copyMenu = new QMenu(m_copyAs);
    m_copyJson = copyMenu->addAction(tr("Indented JSON"), this, [this]() { copy(CopyFormat::PrettyJson); });
    m_copyHex = copyMenu->addAction(tr("Hex dump"), this, [this]() { copy(CopyFormat::Hex); });
    m_copyNdjson = copyMenu->addAction(tr("NDJSON record, as ssescope watch --format ndjson writes it"), this,
                                       [this]() { copy(CopyFormat::Ndjson); });
    m_copyAs->setMenu(copyMenu);
    m_copyAs->setPopupMode(QToolButton::InstantPopup);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setWordWrap(true);
    m_header->setToolTip(tr("Kind, sequence number, type, id, size, arrival time, connection attempt and where "
                            "the row's bytes lie in the response body"));
    m_cutNote->setWordWrap(true);
    m_cutNote->setVisible(false);

    for (QPlainTextEdit *edit : {m_text, m_hex}) {
        edit->setReadOnly(true);
        edit->setFont(fixed);
        edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    }
    m_text->setToolTip(tr("The data exactly as received; raw reads show control bytes as escapes"));
    m_hex->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_hex->setToolTip(tr("Offset, bytes in hex and the printable ASCII"));
    m_jsonView->setModel(m_jsonModel);
    m_jsonView->setUniformRowHeights(true);
    m_jsonView->setAlternatingRowColors(true);
    m_jsonView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_jsonView->header()->setStretchLastSection(false);
    m_jsonView->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    m_jsonView->setToolTip(tr("Right-click a value to copy it or to filter the rows by it"));
    m_chunks->setOpenLinks(false);
    m_chunks->setToolTip(tr("The network reads this row arrived in; its own bytes are highlighted"));

    m_tabs->addTab(m_text, tr("Text"));
    m_tabs->addTab(m_jsonView, tr("JSON"));
    m_tabs->addTab(m_hex, tr("Hex"));
    m_tabs->addTab(m_chunks, tr("Chunks"));
    m_tabs->setDocumentMode(true);

    auto buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_copyData);
    buttons->addWidget(m_copyAs);
    buttons->addStretch(1);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_header);
    layout->addWidget(m_cutNote);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(buttons);

    connect(m_copyData, &QToolButton::clicked, this, [this]() { copy(CopyFormat::Data); });
    connect(m_jsonView, &QTreeView::customContextMenuRequested, this, &DetailPane::showJsonMenu);
    clear();
}

DetailPane::~DetailPane() = default;

void DetailPane::clear()
{
    m_sequence = 0;
    m_type.clear();
    m_id.clear();
    m_data.clear();
    m_document = QJsonDocument();
    m_chunkCount = 0;
    m_header->setText(tr("No row selected"));
    m_cutNote->clear();
    m_cutNote->setVisible(false);
    m_text->clear();
    m_hex->clear();
    m_chunks->clear();
    m_tabs->setTabText(ChunksTab, tr("Chunks"));
    m_jsonModel->clear();
    m_tabs->setTabEnabled(JsonTab, false);
    m_tabs->setTabToolTip(JsonTab, QString());
    updateButtons();
}

void DetailPane::showRow(const EventListModel *model, int sourceRow)
{
    if (!model || sourceRow < 0 || sourceRow >= model->rowCount()) {
        clear();
        return;
    }
    // EventListModel::log() has no const overload; nothing here changes the log.
    const StreamLog &log = model->log();
    const StreamLog::Entry entry = log.at(sourceRow);
    m_kind = entry.kind;
    m_sequence = entry.sequence;
    m_wallMs = entry.wallMs;
    m_attempt = entry.attempt;
    m_streamOffset = entry.streamOffset;
    m_streamEndOffset = entry.streamEndOffset;
    m_type = entry.type.toByteArray();
    m_id = entry.id.toByteArray();
    m_data = entry.data.toByteArray();
    m_diagnostic = entry.diagnostic;
    m_header->setText(headerText());

    const QByteArrayView textPart = Utf8::prefix(m_data, TextLimit);
    m_text->setLineWrapMode(longestLine(textPart) > WrapLineLimit ? QPlainTextEdit::NoWrap
                                                                  : QPlainTextEdit::WidgetWidth);
    if (m_kind == StreamLog::Kind::Diagnostic)
        m_text->setPlainText(DiagnosticText::message(diagnostic()));
    else
        m_text->setPlainText(m_kind == StreamLog::Kind::Chunk ? ByteText::escaped(textPart) : Utf8::toString(textPart));
    m_hex->setPlainText(ByteText::hexDump(QByteArrayView(m_data).first(qMin(m_data.size(), HexLimit))));
    const QString note = cutNote();
    m_cutNote->setText(note);
    m_cutNote->setVisible(!note.isEmpty());
    showJson();
    showChunks(log, sourceRow);
    updateButtons();
}

QString DetailPane::headerText() const
{
    if (m_sequence == 0)
        return m_header->text();
    QStringList parts;
    switch (m_kind) {
    case StreamLog::Kind::Event:
        parts << tr("Event #%1").arg(m_sequence) << tr("type %1").arg(Utf8::toString(m_type));
        if (!m_id.isEmpty())
            parts << tr("id %1").arg(Utf8::toString(m_id));
        break;
    case StreamLog::Kind::Comment:
        parts << tr("Comment #%1").arg(m_sequence);
        break;
    case StreamLog::Kind::State:
        parts << tr("State #%1").arg(m_sequence) << Utf8::toString(m_type);
        break;
    case StreamLog::Kind::Chunk:
        parts << tr("Chunk #%1").arg(m_sequence);
        break;
    case StreamLog::Kind::Diagnostic:
        parts << DiagnosticText::rowTitle(m_sequence) << DiagnosticText::title(m_diagnostic);
        break;
    }
    if (m_kind != StreamLog::Kind::State && m_kind != StreamLog::Kind::Diagnostic)
        parts << ByteText::sizeText(m_data.size());
    parts << wallText(m_wallMs) << tr("attempt %1").arg(m_attempt);
    if (m_kind != StreamLog::Kind::State)
        parts << tr("stream bytes %1–%2").arg(m_streamOffset).arg(m_streamEndOffset);
    return parts.join(u" · "_s);
}

QString DetailPane::cutNote() const
{
    // One limit for both tabs keeps the note short.
    static_assert(TextLimit == HexLimit);
    if (m_data.size() <= TextLimit)
        return QString();
    return tr("This row holds %1: the Text and Hex tabs show the first %2 (%3 left out). The copy buttons copy "
              "all of it.")
        .arg(ByteText::sizeText(m_data.size()), ByteText::sizeText(TextLimit),
             ByteText::sizeText(m_data.size() - TextLimit));
}

QString DetailPane::hexText() const
{
    return m_hex->toPlainText();
}

bool DetailPane::isJsonAvailable() const
{
    return !m_document.isNull();
}

QString DetailPane::chunksText() const
{
    return m_chunks->toPlainText();
}

void DetailPane::showJson()
{
    m_document = QJsonDocument();
    QString why = tr("The data is not a JSON object or array.");
    if (m_kind != StreamLog::Kind::State && m_kind != StreamLog::Kind::Diagnostic
        && JsonSniff::looksLikeContainer(m_data)) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(m_data, &error);
        if (error.error == QJsonParseError::NoError)
            m_document = document;
        else
            why = tr("The data is not JSON: %1 at offset %2.").arg(error.errorString()).arg(error.offset);
    }
    m_jsonModel->setDocument(m_document);
    const bool available = !m_document.isNull();
    // A disabled current tab would hand over to the next one (Hex); Text says more.
    if (!available && m_tabs->currentIndex() == JsonTab)
        m_tabs->setCurrentIndex(TextTab);
    m_tabs->setTabEnabled(JsonTab, available);
    m_tabs->setTabToolTip(JsonTab, available ? tr("The data as a tree of JSON values") : why);
    if (available)
        expandJsonTree();
}

void DetailPane::expandJsonTree()
{
    // Open one more level while the rows shown stay few, so a small event opens whole and a big one stays shut.
    QModelIndexList level{QModelIndex()};
    int shown = m_jsonModel->rowCount();
    for (int depth = 0; depth < ExpandDepth && shown <= ExpandRows; ++depth) {
        QModelIndexList next;
        int added = 0;
        for (const QModelIndex &parent : std::as_const(level)) {
            const int rows = m_jsonModel->rowCount(parent);
            for (int row = 0; row < rows && shown + added <= ExpandRows; ++row) {
                const QModelIndex child = m_jsonModel->index(row, 0, parent);
                const int children = m_jsonModel->rowCount(child);
                if (children > 0) {
                    next.append(child);
                    added += children;
                }
            }
        }
        if (next.isEmpty() || shown + added > ExpandRows)
            break;
        for (const QModelIndex &index : std::as_const(next))
            m_jsonView->expand(index);
        shown += added;
        level = next;
    }
    m_jsonView->resizeColumnToContents(JsonTreeModel::KeyColumn);
}

void DetailPane::showChunks(const StreamLog &log, int row)
{
    const QList<qsizetype> rows = log.chunkRowsFor(row);
    m_chunkCount = int(rows.size());
    m_tabs->setTabText(ChunksTab, rows.isEmpty() ? tr("Chunks") : tr("Chunks (%1)").arg(rows.size()));
    if (rows.isEmpty()) {
        m_chunks->setPlainText(m_kind == StreamLog::Kind::Event || m_kind == StreamLog::Kind::Comment
                                       || m_kind == StreamLog::Kind::Diagnostic
                                   ? tr("No network reads are recorded for this row: chunks are kept only while "
                                        "they are being recorded, and the oldest are evicted first.")
                                   : tr("Only events, comments and diagnostics arrive in network reads."));
        return;
    }
    // The blank line that dispatched an event belongs to it too.
    const qint64 end = m_kind == StreamLog::Kind::Event ? m_streamEndOffset + 1 : m_streamEndOffset;
    m_chunks->setHtml(ChunkHtml::render(log, rows, m_streamOffset, end, palette()));
}

QString DetailPane::copyText(CopyFormat format) const
{
    if (m_sequence == 0)
        return QString();
    switch (format) {
    case CopyFormat::Data:
        return m_kind == StreamLog::Kind::Diagnostic ? DiagnosticText::message(diagnostic()) : Utf8::toString(m_data);
    case CopyFormat::PrettyJson:
        return m_document.isNull() ? QString() : QString::fromUtf8(m_document.toJson(QJsonDocument::Indented));
    case CopyFormat::Hex:
        return ByteText::hexDump(m_data);
    case CopyFormat::Ndjson:
        break;
    }
    // The fields ssescope watch --format ndjson writes for the same kind, with the row's place in the stream.
    OrderedJson json;
    json.add("seq", m_sequence);
    switch (m_kind) {
    case StreamLog::Kind::Event:
        json.add("kind", "event").add("type", Utf8::toString(m_type)).add("data", Utf8::toString(m_data));
        json.add("id", Utf8::toString(m_id));
        break;
    case StreamLog::Kind::Comment:
        json.add("kind", "comment").add("text", Utf8::toString(m_data));
        break;
    case StreamLog::Kind::State:
        json.add("kind", "state").add("state", Utf8::toString(m_type)).add("reason", Utf8::toString(m_data));
        break;
    case StreamLog::Kind::Chunk:
        json.add("kind", "chunk").add("size", qint64(m_data.size())).add("text", Utf8::toString(m_data));
        break;
    case StreamLog::Kind::Diagnostic:
        json.add("kind", "diagnostic").add("code", SseDiagnostic::kindName(m_diagnostic));
        json.add("message", diagnostic().message());
        break;
    }
    json.add("attempt", m_attempt).add("wall_ms", m_wallMs);
    if (m_kind != StreamLog::Kind::State)
        json.add("offset", m_streamOffset).add("end_offset", m_streamEndOffset);
    return QString::fromUtf8(json.toJson());
}

SseDiagnostic DetailPane::diagnostic() const
{
    return SseDiagnostic{m_diagnostic, m_streamOffset, m_data};
}

void DetailPane::copy(CopyFormat format)
{
    QGuiApplication::clipboard()->setText(copyText(format));
}

void DetailPane::updateButtons()
{
    const bool shown = m_sequence != 0;
    m_copyData->setEnabled(shown);
    m_copyAs->setEnabled(shown);
    m_copyJson->setEnabled(shown && !m_document.isNull());
    m_copyHex->setEnabled(shown);
    m_copyNdjson->setEnabled(shown);
}

void DetailPane::showJsonMenu(const QPoint &position)
{
    const QModelIndex index = m_jsonView->indexAt(position);
    if (!index.isValid())
        return;
    const QString pointer = index.data(JsonTreeModel::PointerRole).toString();
    const QString value = index.data(JsonTreeModel::ValueTextRole).toString();
    QMenu menu(this);
    const auto add = [this, &menu](const QString &text, auto slot) {
        connect(menu.addAction(text), &QAction::triggered, this, slot);
    };
    add(tr("Copy value"), [value]() { QGuiApplication::clipboard()->setText(value); });
    add(tr("Copy JSON pointer %1").arg(pointer), [pointer]() { QGuiApplication::clipboard()->setText(pointer); });
    menu.addSeparator();
    add(tr("Show only events with this value"),
        [this, pointer, value]() { Q_EMIT jsonFilterRequested(pointer, value); });
    add(tr("Show only events with this field"), [this, pointer]() { Q_EMIT jsonFilterRequested(pointer, QString()); });
    menu.exec(m_jsonView->viewport()->mapToGlobal(position));
}
