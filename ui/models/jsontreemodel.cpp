// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsontreemodel.h"

#include "util/jsonpointer.h"

#include <QJsonArray>
#include <QJsonObject>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qsizetype DisplayChars = 200;
constexpr qsizetype ToolTipChars = 2000;

QString shortened(QString text, qsizetype chars)
{
    if (text.size() > chars)
        text = text.left(chars) + u'…';
    // One line per row: a string's line breaks would otherwise be cut off by the row height.
    text.replace(u"\r\n"_s, u"⏎"_s);
    text.replace(u'\n', u'⏎');
    text.replace(u'\r', u'⏎');
    return text;
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setDocument(const QJsonDocument &document)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    if (document.isObject())
        m_root->value = document.object();
    else if (document.isArray())
        m_root->value = document.array();
    endResetModel();
}

void JsonTreeModel::clear()
{
    setDocument(QJsonDocument());
}

int JsonTreeModel::childCount(const Node *node)
{
    qsizetype count = 0;
    if (node->value.isObject())
        count = node->value.toObject().size();
    else if (node->value.isArray())
        count = node->value.toArray().size();
    return int(qMin<qsizetype>(count, std::numeric_limits<int>::max()));
}

JsonTreeModel::Node *JsonTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

JsonTreeModel::Node *JsonTreeModel::childOf(Node *parent, int row) const
{
    if (!parent->sized) {
        parent->children.resize(size_t(childCount(parent)));
        parent->sized = true;
    }
    if (row < 0 || size_t(row) >= parent->children.size())
        return nullptr;
    std::unique_ptr<Node> &child = parent->children[size_t(row)];
    if (!child) {
        child = std::make_unique<Node>();
        child->parent = parent;
        child->row = row;
        if (parent->value.isObject()) {
            const QJsonObject object = parent->value.toObject();
            const auto member = object.constBegin() + row;
            child->key = member.key();
            child->value = member.value();
        } else {
            child->key = QString::number(row);
            child->value = parent->value.toArray().at(row);
        }
    }
    return child.get();
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *child = childOf(nodeOf(parent), row);
    return child ? createIndex(row, column, child) : QModelIndex();
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const Node *parent = nodeOf(child)->parent;
    if (!parent || parent == m_root.get())
        return {};
    return createIndex(parent->row, 0, parent);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return childCount(nodeOf(parent));
}

int JsonTreeModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QString JsonTreeModel::pointerOf(const Node *node)
{
    QStringList tokens;
    for (; node && node->parent; node = node->parent) {
        QString token = node->key;
        token.replace(u"~"_s, u"~0"_s);
        token.replace(u"/"_s, u"~1"_s);
        tokens.prepend(token);
    }
    return tokens.isEmpty() ? QString() : u'/' + tokens.join(u'/');
}

QString JsonTreeModel::typeName(QJsonValue::Type type)
{
    switch (type) {
    case QJsonValue::Null:
        return tr("null");
    case QJsonValue::Bool:
        return tr("boolean");
    case QJsonValue::Double:
        return tr("number");
    case QJsonValue::String:
        return tr("string");
    case QJsonValue::Array:
        return tr("array");
    case QJsonValue::Object:
        return tr("object");
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeOf(index);
    const QJsonValue &value = node->value;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return node->key;
        case ValueColumn:
            if (value.isObject())
                return u"{%1}"_s.arg(value.toObject().size());
            if (value.isArray())
                return u"[%1]"_s.arg(value.toArray().size());
            return shortened(JsonPointer::valueText(value), DisplayChars);
        case TypeColumn:
            return typeName(value.type());
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == ValueColumn && !value.isObject() && !value.isArray())
            return shortened(JsonPointer::valueText(value), ToolTipChars);
        return pointerOf(node);
    case PointerRole:
        return pointerOf(node);
    case JsonValueRole:
        return QVariant::fromValue(value);
    case ValueTextRole:
        return JsonPointer::valueText(value);
    default:
        return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    default:
        return {};
    }
}
