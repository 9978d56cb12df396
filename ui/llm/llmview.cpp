// SPDX-License-Identifier: GPL-3.0-or-later
// Longer than most files on purpose: the reply, reasoning, tool-call and metrics panes are built and refreshed
// together from one LlmAssembler; the assembling itself is in app/core/llm.
#include "llmview.h"

#include "util/prettyjson.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int FlushIntervalMs = 50;
const QString Separator = u" · "_s;

// Arguments as a person reads them: indented when they are complete JSON, as they came otherwise.
QString argumentsText(const QString &arguments)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(arguments.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || document.isNull())
        return arguments;
    return PrettyJson::indent(arguments.trimmed());
}

// Appends what text has beyond the shown characters, keeping the view at the end if it was there.
void appendTail(QPlainTextEdit *edit, const QString &text, qsizetype &shown, bool full)
{
    if (full || text.size() < shown) {
        edit->setPlainText(text);
        shown = text.size();
        return;
    }
    if (text.size() == shown)
        return;
    QScrollBar *bar = edit->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    // A cursor of its own, so that the user's selection stays where it is.
    QTextCursor cursor(edit->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(QStringView(text).sliced(shown).toString());
    shown = text.size();
    if (atEnd)
        bar->setValue(bar->maximum());
}

QString formatName(LlmFormat format)
{
    switch (format) {
    case LlmFormat::OpenAi:
        return LlmView::tr("OpenAI");
    case LlmFormat::Anthropic:
        return LlmView::tr("Anthropic");
    case LlmFormat::Pointer:
        return LlmView::tr("JSON pointer");
    case LlmFormat::Auto:
        break;
    }
    return LlmView::tr("Auto");
}

} // namespace

LlmView::LlmView(QWidget *parent)
    : QWidget(parent)
    , m_format(new QComboBox(this))
    , m_pointer(new QLineEdit(this))
    , m_monospace(new QCheckBox(tr("Monospace"), this))
    , m_copy(new QPushButton(tr("Copy reply"), this))
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(this))
    , m_metrics(new QLabel(this))
    , m_status(new QLabel(this))
    , m_reasoningToggle(new QToolButton(this))
    , m_reasoning(new QPlainTextEdit(this))
    , m_reply(new QPlainTextEdit(this))
    , m_toolsTitle(new QLabel(this))
    , m_tools(new QTreeWidget(this))
{
    m_format->setObjectName(u"llmFormat"_s);
    m_format->addItem(tr("Auto"), int(LlmFormat::Auto));
    m_format->addItem(tr("OpenAI chat completions"), int(LlmFormat::OpenAi));
    m_format->addItem(tr("Anthropic messages"), int(LlmFormat::Anthropic));
    m_format->addItem(tr("JSON pointer"), int(LlmFormat::Pointer));
    // The long names need not widen the bar: the pointer beside the box needs the room more.
    m_format->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_format->setMinimumContentsLength(14);
    m_format->setToolTip(tr("How the events carry the reply. Auto recognises OpenAI chat completions and "
                            "Anthropic messages; a JSON pointer names the field of any other API."));
    m_pointer->setObjectName(u"llmPointer"_s);
    m_pointer->setPlaceholderText(tr("/choices/0/text"));
    m_pointer->setToolTip(tr("The JSON pointer (RFC 6901) of the string each event adds to the reply; "
                             "press Enter to apply."));
    m_pointer->setClearButtonEnabled(true);
    m_pointer->setMinimumWidth(m_pointer->fontMetrics().horizontalAdvance(u"/choices/0/delta/content__"_s));
    m_pointer->setVisible(false);
    m_copy->setObjectName(u"llmCopy"_s);
    m_copy->setToolTip(tr("Copy the reply text to the clipboard"));

    m_placeholder->setObjectName(u"llmPlaceholder"_s);
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setMargin(24);
    m_placeholder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);

    m_metrics->setObjectName(u"llmMetrics"_s);
    m_metrics->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_metrics->setWordWrap(true);
    m_metrics->setToolTip(tr("Tokens are the usage figure when the stream reports one, otherwise the number "
                             "of deltas. TTFT is the time from the request to the first delta; tokens per "
                             "second are measured from the first delta to the last."));
    m_status->setObjectName(u"llmStatus"_s);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);

    m_reasoningToggle->setObjectName(u"llmReasoningToggle"_s);
    m_reasoningToggle->setText(tr("Reasoning"));
    m_reasoningToggle->setCheckable(true);
    m_reasoningToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_reasoningToggle->setAutoRaise(true);
    m_reasoning->setObjectName(u"llmReasoning"_s);
    m_reasoning->setReadOnly(true);
    QPalette secondary = m_reasoning->palette();
    secondary.setColor(QPalette::Text, secondary.color(QPalette::PlaceholderText));
    m_reasoning->setPalette(secondary);
    setReasoningExpanded(true);

    m_reply->setObjectName(u"llmReply"_s);
    m_reply->setReadOnly(true);
    m_reply->setPlaceholderText(tr("No reply text yet."));

    m_toolsTitle->setObjectName(u"llmToolsTitle"_s);
    m_tools->setObjectName(u"llmToolCalls"_s);
    m_tools->setColumnCount(2);
    m_tools->setHeaderLabels({tr("Tool"), tr("Call ID")});
    m_tools->setRootIsDecorated(true);
    m_tools->setUniformRowHeights(false);
    m_tools->setWordWrap(true);
    m_tools->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tools->header()->setStretchLastSection(true);
    m_tools->setColumnWidth(0, m_tools->fontMetrics().horizontalAdvance(u"get_current_weather_xx"_s));

    auto bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Format:"), this));
    bar->addWidget(m_format);
    bar->addWidget(m_pointer, 1);
    bar->addStretch();
    bar->addWidget(m_monospace);
    bar->addWidget(m_copy);

    auto metricsRow = new QHBoxLayout;
    metricsRow->addWidget(m_metrics, 1);
    metricsRow->addWidget(m_status);

    m_toolsPanel = new QWidget(this);
    auto toolsLayout = new QVBoxLayout(m_toolsPanel);
    toolsLayout->setContentsMargins(0, 0, 0, 0);
    toolsLayout->addWidget(m_toolsTitle);
    toolsLayout->addWidget(m_tools, 1);
    // The areas share the height as the user likes; a hidden one gives its space to the others.
    auto splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_reasoning);
    splitter->addWidget(m_reply);
    splitter->addWidget(m_toolsPanel);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);

    auto reply = new QWidget(this);
    auto replyLayout = new QVBoxLayout(reply);
    replyLayout->setContentsMargins(0, 0, 0, 0);
    replyLayout->addLayout(metricsRow);
    replyLayout->addWidget(m_reasoningToggle);
    replyLayout->addWidget(splitter, 1);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(reply);

    auto layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    m_timer.setSingleShot(true);
    m_timer.setInterval(FlushIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &LlmView::flush);
    connect(m_format, &QComboBox::currentIndexChanged, this,
            [this]() { setFormat(LlmFormat(m_format->currentData().toInt())); });
    connect(m_pointer, &QLineEdit::textChanged, this, [this](const QString &text) {
        // Says at once when the text is not a pointer; applying it waits for Enter, since it re-reads the session.
        const bool valid = JsonPointer::parse(text).has_value();
        // An empty palette inherits the style's again.
        QPalette palette;
        if (!valid)
            palette.setColor(QPalette::Text, Qt::red);
        m_pointer->setPalette(palette);
    });
    connect(m_pointer, &QLineEdit::editingFinished, this, [this]() { setPointer(m_pointer->text()); });
    connect(m_monospace, &QCheckBox::toggled, this,
            [this](bool on) { m_reply->setFont(on ? QFontDatabase::systemFont(QFontDatabase::FixedFont) : font()); });
    connect(m_copy, &QPushButton::clicked, this, [this]() {
        flush();
        QApplication::clipboard()->setText(m_assembler.text());
    });
    connect(m_reasoningToggle, &QToolButton::toggled, this, &LlmView::setReasoningExpanded);

    refreshAll();
}

LlmView::~LlmView() = default;

void LlmView::reset(qint64 startNs)
{
    m_assembler.reset(startNs);
    refreshAll();
}

void LlmView::addEvent(const SseEvent &event, qint64 monotonicNs)
{
    m_assembler.addEvent(event, monotonicNs);
    scheduleFlush();
}

void LlmView::flush()
{
    m_timer.stop();
    if (!m_fullRefresh && m_shownRevision == m_assembler.revision())
        return;
    appendTail(m_reply, m_assembler.text(), m_shownText, m_fullRefresh);
    appendTail(m_reasoning, m_assembler.reasoning(), m_shownReasoning, m_fullRefresh);
    m_reasoningToggle->setVisible(!m_assembler.reasoning().isEmpty());
    m_reasoning->setVisible(!m_assembler.reasoning().isEmpty() && m_reasoningToggle->isChecked());
    showToolCalls();
    showMetrics();
    showPlaceholder();
    m_copy->setEnabled(!m_assembler.text().isEmpty());
    m_shownRevision = m_assembler.revision();
    m_fullRefresh = false;
}

void LlmView::setFormat(LlmFormat format)
{
    if (m_format->currentData().toInt() != int(format)) {
        // The box's signal comes back here.
        m_format->setCurrentIndex(m_format->findData(int(format)));
        return;
    }
    m_pointer->setVisible(format == LlmFormat::Pointer);
    if (format == LlmFormat::Pointer)
        m_pointer->setFocus();
    m_assembler.setFormat(format);
    refreshAll();
}

bool LlmView::setPointer(const QString &text)
{
    if (m_pointer->text() != text)
        m_pointer->setText(text);
    if (text == m_assembler.pointer().toString())
        return true;
    if (!m_assembler.setPointer(text))
        return false;
    refreshAll();
    return true;
}

QString LlmView::replyText() const
{
    return m_reply->toPlainText();
}

QString LlmView::reasoningText() const
{
    return m_reasoning->toPlainText();
}

QString LlmView::metricsText() const
{
    QString text = m_metrics->text();
    text.replace(QChar::Nbsp, u' ');
    return text;
}

QString LlmView::statusText() const
{
    return m_status->text();
}

bool LlmView::isShowingPlaceholder() const
{
    return m_stack->currentWidget() == m_placeholder;
}

QString LlmView::placeholderText() const
{
    return m_placeholder->text();
}

void LlmView::scheduleFlush()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void LlmView::refreshAll()
{
    m_fullRefresh = true;
    flush();
}

void LlmView::showToolCalls()
{
    const QList<LlmToolCall> &calls = m_assembler.toolCalls();
    m_toolsTitle->setText(tr("Tool calls: %1").arg(calls.size()));
    m_toolsPanel->setVisible(!calls.isEmpty());
    if (calls == m_shownCalls)
        return;
    // Items are updated in place, so that selection, expansion and scrolling survive a growing argument.
    while (m_tools->topLevelItemCount() > calls.size())
        delete m_tools->takeTopLevelItem(m_tools->topLevelItemCount() - 1);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (qsizetype i = 0; i < calls.size(); ++i) {
        const LlmToolCall &call = calls.at(i);
        QTreeWidgetItem *item = m_tools->topLevelItem(int(i));
        if (!item) {
            item = new QTreeWidgetItem(m_tools);
            auto arguments = new QTreeWidgetItem(item);
            arguments->setFont(0, fixed);
            arguments->setFirstColumnSpanned(true);
            item->setExpanded(true);
        } else if (i < m_shownCalls.size() && m_shownCalls.at(i) == call) {
            continue;
        }
        item->setText(0, call.name.isEmpty() ? tr("(no name yet)") : call.name);
        item->setText(1, call.id);
        item->child(0)->setText(0, argumentsText(call.arguments));
        item->child(0)->setToolTip(0, call.arguments);
    }
    m_shownCalls = calls;
}

void LlmView::showMetrics()
{
    const LlmAssembler &a = m_assembler;
    QStringList parts;
    if (a.format() == LlmFormat::Pointer)
        parts << tr("JSON pointer %1").arg(a.pointer().toString());
    else if (a.format() == LlmFormat::Auto && a.detectedFormat() != LlmFormat::Auto)
        parts << tr("%1 (detected)").arg(formatName(a.detectedFormat()));
    else if (a.format() == LlmFormat::Auto)
        parts << tr("format not detected");
    else
        parts << formatName(a.format());
    if (!a.model().isEmpty())
        parts << tr("model %1").arg(a.model());
    parts << tr("deltas %1").arg(a.deltaCount());
    parts << (a.tokensFromUsage() ? tr("tokens %1 (usage)") : tr("tokens %1 (counted)")).arg(a.tokens());
    if (const std::optional<qint64> ttft = a.timeToFirstTokenNs()) {
        const double ms = double(*ttft) / 1e6;
        parts << tr("TTFT %1 ms").arg(QString::number(ms, 'f', ms < 10.0 ? 1 : 0));
    }
    if (const std::optional<double> rate = a.tokensPerSecond())
        parts << tr("%1 tokens/s").arg(QString::number(*rate, 'f', 1));
    if (a.notUnderstoodCount() > 0)
        parts << tr("%1 not understood").arg(a.notUnderstoodCount());
    if (a.isTruncated())
        parts << tr("cut at %1 characters").arg(LlmAssembler::MaxTextChars);
    if (!a.keptAllEvents())
        parts << tr("too large to re-read in full");
    // Lines break between the parts, not inside one.
    for (QString &part : parts)
        part.replace(u' ', QChar::Nbsp);
    m_metrics->setText(parts.join(Separator));

    QStringList status;
    if (!a.stopReason().isEmpty())
        status << tr("stopped: %1").arg(a.stopReason());
    if (a.isDone())
        status << tr("done: %1").arg(a.doneMarker());
    if (!a.errorText().isEmpty())
        status << tr("error: %1").arg(a.errorText());
    if (status.isEmpty())
        status << tr("streaming…");
    m_status->setText(status.join(u", "_s));
    QPalette palette;
    if (!a.errorText().isEmpty())
        palette.setColor(QPalette::WindowText, Qt::red);
    m_status->setPalette(palette);
}

void LlmView::showPlaceholder()
{
    const LlmAssembler &a = m_assembler;
    const bool understood = a.eventCount() > a.notUnderstoodCount() || a.deltaCount() > 0;
    m_stack->setCurrentIndex(understood ? 1 : 0);
    if (understood)
        return;
    QString text = tr("This view puts together the reply of an LLM API as it streams: the text, the reasoning, "
                      "the tool calls, and how fast the tokens came.\n\nOpenAI chat completions and Anthropic "
                      "messages are recognised by themselves. For another API, choose JSON pointer and name the "
                      "field that carries each piece of text, such as /choices/0/text.");
    if (a.eventCount() > 0) {
        text += u"\n\n"_s;
        if (a.format() == LlmFormat::Pointer && a.pointer().tokens().isEmpty())
            text += tr("Events so far: %1. Enter the JSON pointer of the text above, then press Enter.")
                        .arg(a.eventCount());
        else if (a.format() == LlmFormat::Pointer)
            text += tr("Events so far: %1; none has a string at %2.").arg(a.eventCount()).arg(a.pointer().toString());
        else if (a.format() == LlmFormat::Auto)
            text += tr("Events so far: %1; none looks like an LLM reply.").arg(a.eventCount());
        else
            text += tr("Events so far: %1; none is in the %2 format.").arg(a.eventCount()).arg(formatName(a.format()));
    }
    m_placeholder->setText(text);
}

void LlmView::setReasoningExpanded(bool expanded)
{
    m_reasoningToggle->setChecked(expanded);
    m_reasoningToggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    m_reasoning->setVisible(expanded && !m_assembler.reasoning().isEmpty());
}
