<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttemptTableModel</name>
    <message>
        <source>no response</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>(open)</source>
        <translation>（已打开）</translation>
    </message>
    <message>
        <source>(connecting)</source>
        <translation>（正在连接）</translation>
    </message>
    <message>
        <source>When the attempt started connecting (local time)</source>
        <translation>本次尝试开始连接的时间（本地时间）</translation>
    </message>
    <message>
        <source>The HTTP status of the response, or &quot;no response&quot; when the connection failed before one</source>
        <translation>响应的 HTTP 状态码；若连接在收到响应前就已失败，则显示“无响应”</translation>
    </message>
    <message>
        <source>From the start of the attempt to its end, or until now while it runs</source>
        <translation>从本次尝试开始到结束的时长，进行中则计算到当前</translation>
    </message>
    <message>
        <source>Events received in this attempt</source>
        <translation>本次尝试中收到的事件数</translation>
    </message>
    <message>
        <source>The wait chosen before the next attempt (reconnection time, backoff or Retry-After)</source>
        <translation>下一次尝试前选定的等待时间（重连时间、退避或 Retry-After）</translation>
    </message>
    <message>
        <source>Why the attempt ended</source>
        <translation>本次尝试结束的原因</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Reconnect after</source>
        <translation>重连等待</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束原因</translation>
    </message>
</context>
<context>
    <name>BodyEditor</name>
    <message>
        <source>Format</source>
        <translation>格式化</translation>
    </message>
    <message>
        <source>No body. POST requests to LLM APIs send their JSON here.</source>
        <translation>无请求体。发往 LLM API 的 POST 请求在此填写 JSON。</translation>
    </message>
    <message>
        <source>The request body, sent as it is (UTF-8). It is sent again on every reconnect.</source>
        <translation>请求体，按原样发送（UTF-8）。每次重新连接时都会再次发送。</translation>
    </message>
    <message>
        <source>The Content-Type header tells the server how to read the body; set it on the Headers page.</source>
        <translation>Content-Type 请求头告诉服务器如何解析请求体；请在“请求头”页设置。</translation>
    </message>
    <message>
        <source>Checked while you type when the body looks like JSON or the Content-Type says JSON</source>
        <translation>当请求体看起来像 JSON 或 Content-Type 指明为 JSON 时，在输入时即时检查</translation>
    </message>
    <message>
        <source>Indent the JSON body, two spaces per level, keeping the order of the members</source>
        <translation>缩进 JSON 请求体，每层两个空格，保持成员顺序</translation>
    </message>
    <message>
        <source>JSON error at %1</source>
        <translation>JSON 错误，位于 %1</translation>
    </message>
    <message>
        <source>valid JSON</source>
        <translation>JSON 有效</translation>
    </message>
    <message>
        <source>No body is sent.</source>
        <translation>不发送请求体。</translation>
    </message>
    <message>
        <source>Sent as %1 (Content-Type header).</source>
        <translation>以 %1 发送（Content-Type 请求头）。</translation>
    </message>
    <message>
        <source>No Content-Type: sent as application/x-www-form-urlencoded. &lt;a href=&quot;application/json&quot;&gt;Send as application/json&lt;/a&gt;</source>
        <translation>未设置 Content-Type：以 application/x-www-form-urlencoded 发送。&lt;a href=&quot;application/json&quot;&gt;改为以 application/json 发送&lt;/a&gt;</translation>
    </message>
    <message>
        <source>No Content-Type: sent as application/x-www-form-urlencoded.</source>
        <translation>未设置 Content-Type：以 application/x-www-form-urlencoded 发送。</translation>
    </message>
</context>
<context>
    <name>BusyProgress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ByteText</name>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
</context>
<context>
    <name>ChunkHtml</name>
    <message>
        <source>Chunk #%1 · %2 · stream bytes %3–%4 · %5</source>
        <translation>数据块 #%1 · %2 · 流字节 %3–%4 · %5</translation>
    </message>
    <message>
        <source>… %1 bytes before …</source>
        <translation>… 之前 %1 字节 …</translation>
    </message>
    <message>
        <source>… %1 bytes after …</source>
        <translation>… 之后 %1 字节 …</translation>
    </message>
    <message>
        <source>This row&apos;s bytes arrived in %1 network reads; they are highlighted below.</source>
        <translation>此行的字节分 %1 次网络读取到达；已在下方高亮显示。</translation>
    </message>
    <message>
        <source>%1 more reads not shown.</source>
        <translation>另有 %1 次读取未显示。</translation>
    </message>
</context>
<context>
    <name>ConnectionPanel</name>
    <message>
        <source>Ignore certificate errors (insecure)</source>
        <translation>忽略证书错误（不安全）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Sent as Last-Event-ID on the first connection, to resume a stream where an earlier session left it. Reconnects send the last ID received instead</source>
        <translation>首次连接时作为 Last-Event-ID 发送，以便从先前会话中断处恢复流。重新连接时则改为发送最后收到的 ID</translation>
    </message>
    <message>
        <source>only the system&apos;s certificates</source>
        <translation>仅使用系统证书</translation>
    </message>
    <message>
        <source>A PEM file of certificates to trust besides the system&apos;s, for a server with a private CA (curl --cacert)</source>
        <translation>除系统证书外额外信任的 PEM 证书文件，用于使用私有 CA 的服务器（curl --cacert）</translation>
    </message>
    <message>
        <source>Accept any certificate, as curl -k does. Anyone between you and the server can then read and change the stream</source>
        <translation>接受任何证书，与 curl -k 相同。此时你与服务器之间的任何人都能读取和篡改该流</translation>
    </message>
    <message>
        <source>System settings</source>
        <translation>系统设置</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>不使用代理</translation>
    </message>
    <message>
        <source>This proxy:</source>
        <translation>指定代理：</translation>
    </message>
    <message>
        <source>How to reach the server: the system&apos;s proxy settings, directly, or through a given HTTP or SOCKS5 proxy</source>
        <translation>连接服务器的方式：使用系统代理设置、直接连接，或通过指定的 HTTP 或 SOCKS5 代理</translation>
    </message>
    <message>
        <source>The proxy as http://host:port or socks5://host:port, with user:password@ if it needs them</source>
        <translation>代理地址，格式为 http://host:port 或 socks5://host:port，如需认证则加上 user:password@</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose the PEM file</source>
        <translation>选择 PEM 文件</translation>
    </message>
    <message>
        <source>Last-Event-ID:</source>
        <translation>Last-Event-ID：</translation>
    </message>
    <message>
        <source>Trust CA file:</source>
        <translation>信任的 CA 文件：</translation>
    </message>
    <message>
        <source>Proxy:</source>
        <translation>代理：</translation>
    </message>
    <message>
        <source>Certificates to trust</source>
        <translation>要信任的证书</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM 证书 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The proxy needs an address such as http://host:3128 (Connection page).</source>
        <translation>代理需要一个地址，例如 http://host:3128（“连接”页）。</translation>
    </message>
</context>
<context>
    <name>CurlCommand</name>
    <message>
        <source>line %1, column %2</source>
        <translation>第 %1 行，第 %2 列</translation>
    </message>
    <message>
        <source>The single quote (&apos;) at %1 is never closed.</source>
        <translation>位于 %1 的单引号 (&apos;) 未闭合。</translation>
    </message>
    <message>
        <source>The quote $&apos; at %1 is never closed.</source>
        <translation>位于 %1 的引号 $&apos; 未闭合。</translation>
    </message>
    <message>
        <source>The double quote (&quot;) at %1 is never closed.</source>
        <translation>位于 %1 的双引号 (&quot;) 未闭合。</translation>
    </message>
    <message>
        <source>The option %1 needs a value.</source>
        <translation>选项 %1 需要一个值。</translation>
    </message>
    <message>
        <source>%1 %2 reads a file, and files are not read here: paste the content itself instead.</source>
        <translation>%1 %2 会读取文件，但此处不读取文件：请直接粘贴文件内容。</translation>
    </message>
    <message>
        <source>The header “%1” has no colon and was left out, as curl does.</source>
        <translation>请求头“%1”缺少冒号，已忽略（与 curl 的行为一致）。</translation>
    </message>
    <message>
        <source>The header “%1” has no name and was left out.</source>
        <translation>请求头“%1”没有名称，已忽略。</translation>
    </message>
    <message>
        <source>%1 gives no password (curl would ask for one): an empty password is used.</source>
        <translation>%1 未提供密码（curl 会提示输入）：将使用空密码。</translation>
    </message>
    <message>
        <source>%1 %2 reads cookies from a file, which is not read here: it was left out.</source>
        <translation>%1 %2 会从文件读取 Cookie，但此处不读取文件：已忽略。</translation>
    </message>
    <message>
        <source>%1 %2 is not a proxy address such as http://host:8080.</source>
        <translation>%1 %2 不是有效的代理地址（例如 http://host:8080）。</translation>
    </message>
    <message>
        <source>The proxy scheme %1 is not supported: only HTTP and SOCKS5 proxies are.</source>
        <translation>不支持代理协议 %1：仅支持 HTTP 和 SOCKS5 代理。</translation>
    </message>
    <message>
        <source>%1 sends a multipart form, which is not supported here: send the body with --data-raw instead.</source>
        <translation>%1 会发送 multipart 表单，此处不支持：请改用 --data-raw 发送请求体。</translation>
    </message>
    <message>
        <source>The command has no URL.</source>
        <translation>命令中没有 URL。</translation>
    </message>
    <message>
        <source>Only the first URL is used; these were left out: %1.</source>
        <translation>仅使用第一个 URL；以下 URL 已忽略：%1。</translation>
    </message>
    <message>
        <source>“%1” is not a valid URL: %2</source>
        <translation>“%1”不是有效的 URL：%2</translation>
    </message>
    <message>
        <source>“%1” is not an http or https URL, so it cannot carry an event stream.</source>
        <translation>“%1”不是 http 或 https URL，无法承载事件流。</translation>
    </message>
    <message>
        <source>The URL “%1” has no host name.</source>
        <translation>URL“%1”没有主机名。</translation>
    </message>
    <message>
        <source>These options do not apply here and were ignored: %1.</source>
        <translation>以下选项在此不适用，已忽略：%1。</translation>
    </message>
    <message>
        <source>These options are unknown and were ignored: %1.</source>
        <translation>以下选项无法识别，已忽略：%1。</translation>
    </message>
    <message>
        <source>The command is empty: paste a curl command.</source>
        <translation>命令为空：请粘贴一条 curl 命令。</translation>
    </message>
    <message>
        <source>A curl command starts with “curl”, not “%1”.</source>
        <translation>curl 命令应以“curl”开头，而不是“%1”。</translation>
    </message>
    <message>
        <source>Everything from “%1” on is not part of the curl command and was ignored.</source>
        <translation>从“%1”开始的内容不属于 curl 命令，已忽略。</translation>
    </message>
</context>
<context>
    <name>CurlImportDialog</name>
    <message>
        <source>Import curl command</source>
        <translation>导入 curl 命令</translation>
    </message>
    <message>
        <source>Paste a curl command, such as the browser&apos;s “Copy as cURL” of a request in the developer tools, or an example from API documentation. Files (@file) are not read.</source>
        <translation>粘贴一条 curl 命令，例如在浏览器开发者工具中对请求使用“复制为 cURL”得到的命令，或 API 文档中的示例。不会读取文件（@file）。</translation>
    </message>
    <message>
        <source>bash quoting (&apos;…&apos;, &quot;…&quot;, $&apos;…&apos;, \ line ends) and cmd quoting (^) are understood</source>
        <translation>支持 bash 引号（&apos;…&apos;、&quot;…&quot;、$&apos;…&apos;、行尾的 \）和 cmd 引号（^）</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Replace the tab&apos;s request with this one; the policies stay as they are</source>
        <translation>用此请求替换标签页中的请求；策略保持不变</translation>
    </message>
    <message numerus="yes">
        <source>Ready to import: %1 %2, %n header(s)</source>
        <translation>
            <numerusform>可以导入：%1 %2，%n 个请求头</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, a body of %n byte(s)</source>
        <translation>
            <numerusform>，请求体 %n 字节</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Copy data</source>
        <translation>复制数据</translation>
    </message>
    <message>
        <source>Copy the row&apos;s whole data as text</source>
        <translation>以文本形式复制该行的全部数据</translation>
    </message>
    <message>
        <source>Kind, sequence number, type, id, size, arrival time, connection attempt and where the row&apos;s bytes lie in the response body</source>
        <translation>类别、序号、类型、ID、大小、到达时间、连接尝试，以及该行字节在响应体中的位置</translation>
    </message>
    <message>
        <source>The data exactly as received; raw reads show control bytes as escapes</source>
        <translation>与接收时完全一致的数据；原始读取中的控制字节以转义形式显示</translation>
    </message>
    <message>
        <source>Offset, bytes in hex and the printable ASCII</source>
        <translation>偏移量、十六进制字节和可打印的 ASCII 字符</translation>
    </message>
    <message>
        <source>Right-click a value to copy it or to filter the rows by it</source>
        <translation>右键单击某个值可复制它或按它过滤行</translation>
    </message>
    <message>
        <source>The network reads this row arrived in; its own bytes are highlighted</source>
        <translation>该行所在的网络读取；其自身的字节已高亮显示</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Chunks</source>
        <translation>数据块</translation>
    </message>
    <message>
        <source>No row selected</source>
        <translation>未选择行</translation>
    </message>
    <message>
        <source>Event #%1</source>
        <translation>事件 #%1</translation>
    </message>
    <message>
        <source>type %1</source>
        <translation>类型 %1</translation>
    </message>
    <message>
        <source>id %1</source>
        <translation>ID %1</translation>
    </message>
    <message>
        <source>Comment #%1</source>
        <translation>注释 #%1</translation>
    </message>
    <message>
        <source>State #%1</source>
        <translation>状态 #%1</translation>
    </message>
    <message>
        <source>Chunk #%1</source>
        <translation>数据块 #%1</translation>
    </message>
    <message>
        <source>attempt %1</source>
        <translation>第 %1 次尝试</translation>
    </message>
    <message>
        <source>stream bytes %1–%2</source>
        <translation>流字节 %1–%2</translation>
    </message>
    <message>
        <source>This row holds %1: the Text and Hex tabs show the first %2 (%3 left out). The copy buttons copy all of it.</source>
        <translation>此行包含 %1：“文本”和“十六进制”标签页只显示前 %2（省略了 %3）。复制按钮会复制全部内容。</translation>
    </message>
    <message>
        <source>The data is not a JSON object or array.</source>
        <translation>数据不是 JSON 对象或数组。</translation>
    </message>
    <message>
        <source>The data is not JSON: %1 at offset %2.</source>
        <translation>数据不是 JSON：%1（偏移量 %2）。</translation>
    </message>
    <message>
        <source>The data as a tree of JSON values</source>
        <translation>以 JSON 值树形式显示的数据</translation>
    </message>
    <message>
        <source>Chunks (%1)</source>
        <translation>数据块 (%1)</translation>
    </message>
    <message>
        <source>No network reads are recorded for this row: chunks are kept only while they are being recorded, and the oldest are evicted first.</source>
        <translation>此行没有记录网络读取：数据块只在记录期间保留，且最旧的会被优先淘汰。</translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation>复制值</translation>
    </message>
    <message>
        <source>Copy JSON pointer %1</source>
        <translation>复制 JSON 指针 %1</translation>
    </message>
    <message>
        <source>Show only events with this value</source>
        <translation>仅显示具有此值的事件</translation>
    </message>
    <message>
        <source>Show only events with this field</source>
        <translation>仅显示包含此字段的事件</translation>
    </message>
    <message>
        <source>Only events, comments and diagnostics arrive in network reads.</source>
        <translation>只有事件、注释和诊断来自网络读取。</translation>
    </message>
    <message>
        <source>Copy as</source>
        <translation>复制为</translation>
    </message>
    <message>
        <source>Copy the row in another form</source>
        <translation>以其他形式复制该行</translation>
    </message>
    <message>
        <source>Indented JSON</source>
        <translation>缩进格式的 JSON</translation>
    </message>
    <message>
        <source>Hex dump</source>
        <translation>十六进制转储</translation>
    </message>
    <message>
        <source>NDJSON record, as ssescope watch --format ndjson writes it</source>
        <translation>NDJSON 记录，与 ssescope watch --format ndjson 的输出相同</translation>
    </message>
</context>
<context>
    <name>DiagnosticText</name>
    <message>
        <source>BOM removed</source>
        <translation>已移除 BOM</translation>
    </message>
    <message>
        <source>unknown field</source>
        <translation>未知字段</translation>
    </message>
    <message>
        <source>invalid retry</source>
        <translation>无效的 retry</translation>
    </message>
    <message>
        <source>retry clamped</source>
        <translation>retry 已截断</translation>
    </message>
    <message>
        <source>id with NUL</source>
        <translation>id 含 NUL</translation>
    </message>
    <message>
        <source>invalid UTF-8</source>
        <translation>无效的 UTF-8</translation>
    </message>
    <message>
        <source>unfinished event</source>
        <translation>未完成的事件</translation>
    </message>
    <message>
        <source>line too long</source>
        <translation>行过长</translation>
    </message>
    <message>
        <source>event too large</source>
        <translation>事件过大</translation>
    </message>
    <message>
        <source>The byte order mark at the start of the stream was removed, as the standard says.</source>
        <translation>已按标准移除流开头的字节顺序标记（BOM）。</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; was ignored: it starts with a byte order mark that is not at the start of the stream.</source>
        <translation>字段“%1”已被忽略：它以一个不在流开头的字节顺序标记开始。</translation>
    </message>
    <message>
        <source>The unknown field &quot;%1&quot; was ignored (field names are case-sensitive).</source>
        <translation>未知字段“%1”已被忽略（字段名区分大小写）。</translation>
    </message>
    <message>
        <source>The retry value &quot;%1&quot; was ignored: it is not ASCII digits only.</source>
        <translation>retry 值“%1”已被忽略：它不全是 ASCII 数字。</translation>
    </message>
    <message>
        <source>The retry value &quot;%1&quot; is too large and was clamped.</source>
        <translation>retry 值“%1”过大，已截断为上限。</translation>
    </message>
    <message>
        <source>The id was ignored: it contains U+0000.</source>
        <translation>该 id 已被忽略：它包含 U+0000。</translation>
    </message>
    <message>
        <source>Bytes that are not UTF-8 were replaced by U+FFFD.</source>
        <translation>非 UTF-8 的字节已替换为 U+FFFD。</translation>
    </message>
    <message>
        <source>The stream ended inside an event (no blank line after it): the event was discarded, its id with it.</source>
        <translation>流在事件中途结束（其后没有空行）：该事件已被丢弃，其 id 也一并丢弃。</translation>
    </message>
    <message>
        <source>A line is longer than the line limit of %1 bytes.</source>
        <translation>有一行超过了 %1 字节的行长度上限。</translation>
    </message>
    <message>
        <source>The data of an event is larger than the event limit of %1 bytes.</source>
        <translation>有一个事件的数据超过了 %1 字节的事件大小上限。</translation>
    </message>
    <message numerus="yes">
        <source>%n diagnostic(s)</source>
        <translation>
            <numerusform>%n 条诊断</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Show diagnostics: what the parser found and handled by the rules, which a browser ignores without a word (unknown fields, invalid retry values, bad UTF-8, an event cut off by the end of the stream, limits exceeded)</source>
        <translation>显示诊断：解析器发现并按规则处理、而浏览器会默默忽略的情况（未知字段、无效的 retry 值、错误的 UTF-8、被流结尾截断的事件、超出上限）</translation>
    </message>
    <message>
        <source>What the parser found and handled by the rules, which a browser ignores without a word, and limits the stream went over.</source>
        <translation>解析器发现并按规则处理、而浏览器会默默忽略的情况，以及流超出的上限。</translation>
    </message>
    <message>
        <source>Diagnostic #%1</source>
        <translation>诊断 #%1</translation>
    </message>
</context>
<context>
    <name>DiffDetail</name>
    <message>
        <source>… %1 more bytes are not shown</source>
        <translation>… 另有 %1 字节未显示</translation>
    </message>
    <message>
        <source>type: %1</source>
        <translation>类型：%1</translation>
    </message>
    <message>
        <source>id: %1</source>
        <translation>ID：%1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>time: +%1 ms since the first event</source>
        <translation>时间：距第一个事件 +%1 ms</translation>
    </message>
    <message>
        <source>data:</source>
        <translation>数据：</translation>
    </message>
</context>
<context>
    <name>DiffDetailView</name>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: no event in %2 pairs with this one by id</source>
        <translation>%1：%2 中没有按 ID 与此事件配对的事件</translation>
    </message>
    <message>
        <source>%1: no event %2 in %3</source>
        <translation>%1：%3 中没有事件 %2</translation>
    </message>
    <message>
        <source>%1: event %2 of %3 in %4</source>
        <translation>%1：%4 中的事件 %2 / %3</translation>
    </message>
    <message>
        <source>Select a row to see both events in full.</source>
        <translation>选择一行以查看两边事件的完整内容。</translation>
    </message>
    <message>
        <source>%1 has no event that pairs with this one by id.</source>
        <translation>%1 中没有按 ID 与此事件配对的事件。</translation>
    </message>
    <message>
        <source>%1 has no event %2: it ends after %3.</source>
        <translation>%1 中没有事件 %2：它在 %3后就结束了。</translation>
    </message>
</context>
<context>
    <name>DiffFilesBar</name>
    <message>
        <source>A recording (.sserec)</source>
        <translation>录制文件 (.sserec)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&amp;A:</source>
        <translation>&amp;A：</translation>
    </message>
    <message>
        <source>Open Recording A</source>
        <translation>打开录制文件 A</translation>
    </message>
    <message>
        <source>&amp;B:</source>
        <translation>&amp;B：</translation>
    </message>
    <message>
        <source>Open Recording B</source>
        <translation>打开录制文件 B</translation>
    </message>
    <message>
        <source>&amp;Swap</source>
        <translation>交换(&amp;S)</translation>
    </message>
    <message>
        <source>Compare B with A: A becomes B and B becomes A</source>
        <translation>改为将 B 与 A 比较：A 变为 B，B 变为 A</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>比较(&amp;C)</translation>
    </message>
    <message>
        <source>Read both recordings again and compare them</source>
        <translation>重新读取两个录制文件并进行比较</translation>
    </message>
    <message>
        <source>SSE Scope recordings (*.sserec);;All files (*)</source>
        <translation>SSE Scope 录制文件 (*.sserec);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>DiffModel</name>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>A type</source>
        <translation>A 类型</translation>
    </message>
    <message>
        <source>A id</source>
        <translation>A ID</translation>
    </message>
    <message>
        <source>A data</source>
        <translation>A 数据</translation>
    </message>
    <message>
        <source>B type</source>
        <translation>B 类型</translation>
    </message>
    <message>
        <source>B id</source>
        <translation>B ID</translation>
    </message>
    <message>
        <source>B data</source>
        <translation>B 数据</translation>
    </message>
    <message>
        <source>Δt (ms)</source>
        <translation>Δt (ms)</translation>
    </message>
    <message>
        <source>The event&apos;s number in its recording. Both recordings carry SSE ids: events with the same id are compared, and &quot;5 / 6&quot; is event 5 of A beside event 6 of B</source>
        <translation>事件在其录制文件中的序号。两个录制文件都带有 SSE ID：比较 ID 相同的事件，“5 / 6”表示 A 的第 5 个事件与 B 的第 6 个事件并排比较</translation>
    </message>
    <message>
        <source>The event&apos;s number in its recording: event N of A is compared with event N of B</source>
        <translation>事件在其录制文件中的序号：A 的第 N 个事件与 B 的第 N 个事件进行比较</translation>
    </message>
    <message>
        <source>B&apos;s time since its first event minus A&apos;s, in milliseconds</source>
        <translation>B 中距其第一个事件的时间减去 A 中的对应时间，单位为毫秒</translation>
    </message>
</context>
<context>
    <name>DiffOptionsBar</name>
    <message>
        <source>Compare &amp;timing</source>
        <translation>比较时间(&amp;T)</translation>
    </message>
    <message>
        <source>Ignore i&amp;ds</source>
        <translation>忽略 ID(&amp;D)</translation>
    </message>
    <message>
        <source>Also compare each event&apos;s time since the first event of its recording</source>
        <translation>同时比较每个事件距其录制文件中第一个事件的时间</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>A timing difference up to this is no difference</source>
        <translation>时间差不超过此值时不算作差异</translation>
    </message>
    <message>
        <source>wit&amp;hin</source>
        <translation>容差(&amp;H)</translation>
    </message>
    <message>
        <source>Neither compare the events&apos; SSE ids nor pair events by them: event N of A is compared with event N of B</source>
        <translation>既不比较事件的 SSE ID，也不按 ID 配对事件：A 的第 N 个事件与 B 的第 N 个事件进行比较</translation>
    </message>
    <message>
        <source>Ignore &amp;fields:</source>
        <translation>忽略字段(&amp;F)：</translation>
    </message>
    <message>
        <source>JSON pointers, such as /id /created</source>
        <translation>JSON 指针，例如 /id /created</translation>
    </message>
    <message>
        <source>Fields of each event&apos;s data to leave out of the comparison, as JSON pointers separated by spaces, such as /id, /created or /choices/0/delta/role. Data that is JSON on both sides is then compared as JSON. Enter applies them.</source>
        <translation>比较时要忽略的每个事件数据中的字段，以 JSON 指针表示并用空格分隔，例如 /id、/created 或 /choices/0/delta/role。此时两边都是 JSON 的数据按 JSON 进行比较。按 Enter 应用。</translation>
    </message>
    <message>
        <source>Not a JSON pointer: %1 (a pointer starts with /, such as /id)</source>
        <translation>不是 JSON 指针：%1（指针以 / 开头，例如 /id）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>DiffText</name>
    <message>
        <source>1 difference</source>
        <translation>1 处差异</translation>
    </message>
    <message>
        <source>%1 differences</source>
        <translation>%1 处差异</translation>
    </message>
    <message>
        <source>type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>timing</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>only in A</source>
        <translation>仅在 A 中</translation>
    </message>
    <message>
        <source>only in B</source>
        <translation>仅在 B 中</translation>
    </message>
    <message>
        <source>1 event</source>
        <translation>1 个事件</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 个事件</translation>
    </message>
    <message>
        <source>%1 (%2 in B)</source>
        <translation>%1（B 中为 %2）</translation>
    </message>
    <message>
        <source>… [+%1 bytes]</source>
        <translation>… [+%1 字节]</translation>
    </message>
    <message>
        <source>Event %1: %2 differs</source>
        <translation>事件 %1：%2不同</translation>
    </message>
    <message>
        <source>A: %1</source>
        <translation>A：%1</translation>
    </message>
    <message>
        <source>B: %1</source>
        <translation>B：%1</translation>
    </message>
    <message>
        <source>Event %1: timing differs by %2 ms (tolerance %3 ms)</source>
        <translation>事件 %1：时间相差 %2 ms（容差 %3 ms）</translation>
    </message>
    <message>
        <source>A: +%1 ms</source>
        <translation>A：+%1 ms</translation>
    </message>
    <message>
        <source>B: +%1 ms</source>
        <translation>B：+%1 ms</translation>
    </message>
    <message>
        <source>Event %1 is only in A: B has %2</source>
        <translation>事件 %1 仅在 A 中：B 只有 %2</translation>
    </message>
    <message>
        <source>Event %1 is only in A: B has no event that pairs with it by id</source>
        <translation>事件 %1 仅在 A 中：B 中没有按 ID 与其配对的事件</translation>
    </message>
    <message>
        <source>Event %1 is only in B: A has %2</source>
        <translation>事件 %1 仅在 B 中：A 只有 %2</translation>
    </message>
    <message>
        <source>Event %1 is only in B: A has no event that pairs with it by id</source>
        <translation>事件 %1 仅在 B 中：A 中没有按 ID 与其配对的事件</translation>
    </message>
    <message>
        <source>Equal: %1 in each</source>
        <translation>相同：两边各 %1</translation>
    </message>
    <message>
        <source>, timing within %1 ms</source>
        <translation>，时间差在 %1 ms 以内</translation>
    </message>
    <message>
        <source>%1 only in A</source>
        <translation>仅在 A 中 %1 处</translation>
    </message>
    <message>
        <source>%1 only in B</source>
        <translation>仅在 B 中 %1 处</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%2 %1 处</translation>
    </message>
    <message>
        <source>%1: %2 (A has %3, B has %4)</source>
        <translation>%1：%2（A 有 %3，B 有 %4）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>DiffWindow</name>
    <message>
        <source>&amp;Only differences</source>
        <translation>仅显示差异(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Previous difference</source>
        <translation>上一处差异(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Next difference</source>
        <translation>下一处差异(&amp;N)</translation>
    </message>
    <message>
        <source>Compare Recordings</source>
        <translation>比较录制文件</translation>
    </message>
    <message>
        <source>Hide the rows where A and B are equal</source>
        <translation>隐藏 A 与 B 相同的行</translation>
    </message>
    <message>
        <source>Select the previous row that differs (Shift+F8)</source>
        <translation>选择上一个有差异的行（Shift+F8）</translation>
    </message>
    <message>
        <source>Select the next row that differs (F8)</source>
        <translation>选择下一个有差异的行（F8）</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Choose recording %1 to compare.</source>
        <translation>请选择要比较的录制文件 %1。</translation>
    </message>
    <message>
        <source>Recording %1: %2</source>
        <translation>录制文件 %1：%2</translation>
    </message>
    <message>
        <source>Recording %1 (%2): %3</source>
        <translation>录制文件 %1（%2）：%3</translation>
    </message>
    <message>
        <source>Choose two recordings to compare.</source>
        <translation>请选择两个要比较的录制文件。</translation>
    </message>
    <message>
        <source>Differing row %1 of %2</source>
        <translation>第 %1 个差异行，共 %2 个</translation>
    </message>
    <message>
        <source>1 row differs</source>
        <translation>1 行有差异</translation>
    </message>
    <message>
        <source>%1 rows differ</source>
        <translation>%1 行有差异</translation>
    </message>
</context>
<context>
    <name>EventColumns</name>
    <message>
        <source>Edit JSON Column “%1”…</source>
        <translation>编辑 JSON 列“%1”…</translation>
    </message>
    <message>
        <source>Remove JSON Column “%1”</source>
        <translation>删除 JSON 列“%1”</translation>
    </message>
    <message>
        <source>Add JSON Column…</source>
        <translation>添加 JSON 列…</translation>
    </message>
    <message>
        <source>A column that shows what a JSON pointer names in each event&apos;s data</source>
        <translation>显示每个事件数据中 JSON 指针所指值的列</translation>
    </message>
    <message>
        <source>Add JSON Column</source>
        <translation>添加 JSON 列</translation>
    </message>
    <message>
        <source>Edit JSON Column</source>
        <translation>编辑 JSON 列</translation>
    </message>
</context>
<context>
    <name>EventFilterProxyModel</name>
    <message>
        <source>Regular expression: %1 at offset %2</source>
        <translation>正则表达式：%1（偏移量 %2）</translation>
    </message>
    <message>
        <source>JSON pointer: &quot;~&quot; must be followed by 0 (for ~) or 1 (for /)</source>
        <translation>JSON 指针：“~”后必须跟 0（表示 ~）或 1（表示 /）</translation>
    </message>
    <message>
        <source>JSON value regular expression: %1 at offset %2</source>
        <translation>JSON 值正则表达式：%1（偏移量 %2）</translation>
    </message>
</context>
<context>
    <name>EventListModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Delta</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>JSON pointer %1 in each event&apos;s data</source>
        <translation>每个事件数据中的 JSON 指针 %1</translation>
    </message>
    <message>
        <source>The data is not JSON</source>
        <translation>数据不是 JSON</translation>
    </message>
    <message>
        <source>%1 is not in this event&apos;s data</source>
        <translation>此事件的数据中没有 %1</translation>
    </message>
    <message>
        <source>The row&apos;s number in this tab; rows of hidden kinds (chunks, states) keep theirs</source>
        <translation>该行在此标签页中的编号；隐藏类型的行（数据块、状态）保留各自的编号</translation>
    </message>
    <message>
        <source>Time since the previous row of the same kind: an event since the previous event, a state since the previous state; empty for the first of its kind</source>
        <translation>距同类上一行的时间：事件相对上一个事件，状态相对上一个状态；同类的第一行为空</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <source>Follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <source>Keep the newest row in view (End)</source>
        <translation>保持最新行可见（End）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop adding rows to the table; the stream keeps being received and counted (Ctrl+P)</source>
        <translation>停止向表格添加行；流仍会继续接收和计数（Ctrl+P）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Remove every row from the table; the stream goes on (Ctrl+K)</source>
        <translation>清除表格中的所有行；流继续进行（Ctrl+K）</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Keep </source>
        <translation>保留 </translation>
    </message>
    <message>
        <source> rows</source>
        <translation> 行</translation>
    </message>
    <message>
        <source>The most rows kept; past it the oldest rows are evicted first. 0 keeps every row (memory grows with the stream).</source>
        <translation>最多保留的行数；超出后优先淘汰最旧的行。0 表示保留所有行（内存会随流增长）。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>%1 of %2 rows shown</source>
        <translation>显示 %1 / %2 行</translation>
    </message>
    <message>
        <source>paused, %1 waiting</source>
        <translation>已暂停，%1 行等待中</translation>
    </message>
    <message>
        <source>%1 oldest evicted (limit %2)</source>
        <translation>已淘汰最旧的 %1 行（上限 %2）</translation>
    </message>
    <message>
        <source>Click to sort; drag to reorder; right-click to show or hide columns, or to add a JSON column</source>
        <translation>单击排序；拖动调整顺序；右键单击显示或隐藏列，或添加 JSON 列</translation>
    </message>
</context>
<context>
    <name>ExportJob</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Regex</source>
        <translation>正则</translation>
    </message>
    <message>
        <source>Read the search text as a regular expression (Perl syntax)</source>
        <translation>将搜索文本作为正则表达式（Perl 语法）</translation>
    </message>
    <message>
        <source>Aa</source>
        <translation>Aa</translation>
    </message>
    <message>
        <source>Match upper and lower case exactly</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>注释</translation>
    </message>
    <message>
        <source>Show comment lines (heartbeats such as &quot;: ping&quot;)</source>
        <translation>显示注释行（如“: ping”之类的心跳）</translation>
    </message>
    <message>
        <source>States</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Show connection state changes: connecting, open, reconnecting, failed</source>
        <translation>显示连接状态变化：正在连接、已打开、重新连接、失败</translation>
    </message>
    <message>
        <source>Chunks</source>
        <translation>数据块</translation>
    </message>
    <message>
        <source>Show the raw network reads the events were parsed from</source>
        <translation>显示解析出事件的原始网络读取</translation>
    </message>
    <message>
        <source>Filter data…</source>
        <translation>过滤数据…</translation>
    </message>
    <message>
        <source>Show only rows whose data, type or id contains this text</source>
        <translation>仅显示数据、类型或 ID 包含此文本的行</translation>
    </message>
    <message>
        <source>Types</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Choose which event types are shown; types that arrive later are shown</source>
        <translation>选择显示哪些事件类型；之后出现的类型会显示</translation>
    </message>
    <message>
        <source>/choices/0/delta/content</source>
        <translation>/choices/0/delta/content</translation>
    </message>
    <message>
        <source>A JSON pointer (RFC 6901): show only events whose JSON data has this field</source>
        <translation>JSON 指针（RFC 6901）：仅显示 JSON 数据中包含此字段的事件</translation>
    </message>
    <message>
        <source>any value</source>
        <translation>任意值</translation>
    </message>
    <message>
        <source>The value the field must have (text, number, true, false or null); empty: any value</source>
        <translation>字段必须具有的值（文本、数字、true、false 或 null）；留空表示任意值</translation>
    </message>
    <message>
        <source>This filter matches nothing until it is fixed</source>
        <translation>修正之前，此过滤条件不匹配任何内容</translation>
    </message>
    <message>
        <source>Rows that pass the filters, of the rows kept for this stream</source>
        <translation>在此流保留的行中，通过过滤的行</translation>
    </message>
    <message>
        <source>No events yet</source>
        <translation>暂无事件</translation>
    </message>
    <message>
        <source>Show all types</source>
        <translation>显示所有类型</translation>
    </message>
    <message>
        <source>Hide all types</source>
        <translation>隐藏所有类型</translation>
    </message>
    <message>
        <source>Show events of type &quot;%1&quot;</source>
        <translation>显示类型为“%1”的事件</translation>
    </message>
    <message>
        <source>Only the first %1 types are listed</source>
        <translation>仅列出前 %1 种类型</translation>
    </message>
    <message>
        <source>Types (%1 hidden)</source>
        <translation>类型（隐藏 %1 种）</translation>
    </message>
    <message>
        <source>Showing %1 of %2</source>
        <translation>显示 %1 / %2</translation>
    </message>
    <message>
        <source>Filtering: %1%</source>
        <translation>正在筛选：%1%</translation>
    </message>
    <message>
        <source>Compare the JSON value&apos;s upper and lower case exactly</source>
        <translation>JSON 值区分大小写</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>equals</source>
        <translation>等于</translation>
    </message>
    <message>
        <source>matches regex</source>
        <translation>匹配正则</translation>
    </message>
    <message>
        <source>exists</source>
        <translation>存在</translation>
    </message>
    <message>
        <source>How the field&apos;s value is compared: contains the text, equals it (numbers as numbers), matches a regular expression, or any value</source>
        <translation>字段值的比较方式：包含该文本、等于该值（数字按数值比较）、匹配正则表达式，或任意值</translation>
    </message>
    <message>
        <source>Why the JSON filter matches nothing</source>
        <translation>JSON 过滤器为何没有匹配</translation>
    </message>
</context>
<context>
    <name>HeadersTable</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Headers sent with the request, after the defaults (Accept: text/event-stream, Cache-Control: no-cache), which they replace.
Clear a checkbox to keep a header without sending it. Type in the last row to add one.</source>
        <translation>随请求发送的请求头，位于默认请求头（Accept: text/event-stream、Cache-Control: no-cache）之后，同名时替换默认值。
取消勾选可保留请求头但不发送。在最后一行输入即可添加。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add a header row</source>
        <translation>添加一行请求头</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the selected headers (Delete)</source>
        <translation>删除所选请求头（Delete）</translation>
    </message>
    <message>
        <source>Type a name here to add a header</source>
        <translation>在此输入名称以添加请求头</translation>
    </message>
    <message>
        <source>“%1” is not a valid header name: use letters, digits and !#$%&amp;&apos;*+-.^_`|~ only.</source>
        <translation>“%1”不是有效的请求头名称：只能使用字母、数字和 !#$%&amp;&apos;*+-.^_`|~。</translation>
    </message>
    <message>
        <source>The header name “%1” is not valid: use letters, digits and !#$%&amp;&apos;*+-.^_`|~ only, without spaces or colons.</source>
        <translation>请求头名称“%1”无效：只能使用字母、数字和 !#$%&amp;&apos;*+-.^_`|~，不能包含空格或冒号。</translation>
    </message>
    <message>
        <source>The value of the header %1 has a line break, which HTTP does not allow.</source>
        <translation>请求头 %1 的值包含换行符，HTTP 不允许这样做。</translation>
    </message>
    <message>
        <source>The header %1 uses $%2, which is not set in the environment: replace it with the real value on the Headers page, or set %2 before starting SSE Scope.</source>
        <translation>请求头 %1 使用了 $%2，但环境中未设置该变量：请在“请求头”页将其替换为实际值，或在启动 SSE Scope 前设置 %2。</translation>
    </message>
</context>
<context>
    <name>JsonBody</name>
    <message>
        <source>no value</source>
        <translation>没有值</translation>
    </message>
    <message>
        <source>more than one value</source>
        <translation>包含多个值</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
</context>
<context>
    <name>JsonColumnDialog</name>
    <message>
        <source>A JSON pointer (RFC 6901): the column shows what it names in each event&apos;s data</source>
        <translation>JSON 指针（RFC 6901）：该列显示它在每个事件数据中所指的值</translation>
    </message>
    <message>
        <source>the pointer</source>
        <translation>指针</translation>
    </message>
    <message>
        <source>The column&apos;s heading; empty: the pointer</source>
        <translation>列标题；留空则使用指针</translation>
    </message>
    <message>
        <source>JSON &amp;pointer:</source>
        <translation>JSON 指针(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>Enter the pointer of a field, such as /choices/0/delta/content.</source>
        <translation>请输入字段的指针，例如 /choices/0/delta/content。</translation>
    </message>
    <message>
        <source>&quot;~&quot; must be followed by 0 (for ~) or 1 (for /).</source>
        <translation>“~”后必须跟 0（表示 ~）或 1（表示 /）。</translation>
    </message>
</context>
<context>
    <name>JsonColumnPreset</name>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Finish reason</source>
        <translation>结束原因</translation>
    </message>
    <message>
        <source>Data type</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
</context>
<context>
    <name>JsonFilterHint</name>
    <message>
        <source>No event&apos;s data is JSON, so none has %1.</source>
        <translation>没有事件的数据是 JSON，因此都没有 %1。</translation>
    </message>
    <message numerus="yes">
        <source>%1 is in none of the %n JSON event(s).</source>
        <translation>
            <numerusform>%n 个 JSON 事件中都没有 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No exact match; %n row(s) contain %1 with surrounding spaces (such as %2).</source>
        <translation>
            <numerusform>没有完全匹配；%n 行包含前后带空格的 %1（如 %2）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No match in this case; %n row(s) match when case is ignored (such as %1): turn Aa off.</source>
        <translation>
            <numerusform>按当前大小写没有匹配；忽略大小写时有 %n 行匹配（如 %1）：请关闭 Aa。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No exact match; %1 is a string in %n row(s) that reads as the number %2 (such as %3), and a string is compared as text.</source>
        <translation>
            <numerusform>没有完全匹配；%1 在 %n 行中是可读作数字 %2 的字符串（如 %3），而字符串按文本比较。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No exact match; %n row(s) contain %1 (such as %2): choose &quot;contains&quot;.</source>
        <translation>
            <numerusform>没有完全匹配；%n 行包含 %1（如 %2）：请选择“包含”。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %2 values in %n row(s); none matches %3 (compared as %4).</source>
        <translation>
            <numerusform>%1 在 %n 行中的值为%2；没有一个匹配 %3（按%4比较）。</numerusform>
        </translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
</context>
<context>
    <name>JsonTreeModel</name>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>LlmView</name>
    <message>
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <source>Anthropic</source>
        <translation>Anthropic</translation>
    </message>
    <message>
        <source>JSON pointer</source>
        <translation>JSON 指针</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Monospace</source>
        <translation>等宽字体</translation>
    </message>
    <message>
        <source>Copy reply</source>
        <translation>复制回复</translation>
    </message>
    <message>
        <source>OpenAI chat completions</source>
        <translation>OpenAI 聊天补全</translation>
    </message>
    <message>
        <source>Anthropic messages</source>
        <translation>Anthropic 消息</translation>
    </message>
    <message>
        <source>How the events carry the reply. Auto recognises OpenAI chat completions and Anthropic messages; a JSON pointer names the field of any other API.</source>
        <translation>事件承载回复的方式。“自动”可识别 OpenAI 聊天补全和 Anthropic 消息；对于其他 API，用 JSON 指针指定字段。</translation>
    </message>
    <message>
        <source>/choices/0/text</source>
        <translation>/choices/0/text</translation>
    </message>
    <message>
        <source>The JSON pointer (RFC 6901) of the string each event adds to the reply; press Enter to apply.</source>
        <translation>每个事件追加到回复中的字符串的 JSON 指针（RFC 6901）；按 Enter 应用。</translation>
    </message>
    <message>
        <source>Copy the reply text to the clipboard</source>
        <translation>将回复文本复制到剪贴板</translation>
    </message>
    <message>
        <source>Tokens are the usage figure when the stream reports one, otherwise the number of deltas. TTFT is the time from the request to the first delta; tokens per second are measured from the first delta to the last.</source>
        <translation>如果流报告了 usage，token 数取该值，否则取增量的个数。TTFT 是从发出请求到收到第一个增量的时间；每秒 token 数从第一个增量到最后一个增量计算。</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>推理过程</translation>
    </message>
    <message>
        <source>No reply text yet.</source>
        <translation>暂无回复文本。</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Call ID</source>
        <translation>调用 ID</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Tool calls: %1</source>
        <translation>工具调用：%1</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>（暂无名称）</translation>
    </message>
    <message>
        <source>JSON pointer %1</source>
        <translation>JSON 指针 %1</translation>
    </message>
    <message>
        <source>%1 (detected)</source>
        <translation>%1（自动检测）</translation>
    </message>
    <message>
        <source>format not detected</source>
        <translation>未检测到格式</translation>
    </message>
    <message>
        <source>model %1</source>
        <translation>模型 %1</translation>
    </message>
    <message>
        <source>deltas %1</source>
        <translation>增量 %1</translation>
    </message>
    <message>
        <source>tokens %1 (usage)</source>
        <translation>token %1（usage）</translation>
    </message>
    <message>
        <source>tokens %1 (counted)</source>
        <translation>token %1（计数）</translation>
    </message>
    <message>
        <source>TTFT %1 ms</source>
        <translation>TTFT %1 ms</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 token/s</translation>
    </message>
    <message>
        <source>%1 not understood</source>
        <translation>%1 个无法识别</translation>
    </message>
    <message>
        <source>cut at %1 characters</source>
        <translation>已截断于 %1 个字符</translation>
    </message>
    <message>
        <source>too large to re-read in full</source>
        <translation>过大，无法完整重读</translation>
    </message>
    <message>
        <source>stopped: %1</source>
        <translation>已停止：%1</translation>
    </message>
    <message>
        <source>done: %1</source>
        <translation>已完成：%1</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>streaming…</source>
        <translation>正在接收…</translation>
    </message>
    <message>
        <source>This view puts together the reply of an LLM API as it streams: the text, the reasoning, the tool calls, and how fast the tokens came.

OpenAI chat completions and Anthropic messages are recognised by themselves. For another API, choose JSON pointer and name the field that carries each piece of text, such as /choices/0/text.</source>
        <translation>此视图在 LLM API 流式输出时拼合其回复：文本、推理过程、工具调用，以及 token 的到达速度。

OpenAI 聊天补全和 Anthropic 消息会被自动识别。对于其他 API，请选择“JSON 指针”，并指定承载每段文本的字段，例如 /choices/0/text。</translation>
    </message>
    <message>
        <source>Events so far: %1. Enter the JSON pointer of the text above, then press Enter.</source>
        <translation>目前事件数：%1。请在上方输入文本的 JSON 指针，然后按 Enter。</translation>
    </message>
    <message>
        <source>Events so far: %1; none has a string at %2.</source>
        <translation>目前事件数：%1；没有事件在 %2 处包含字符串。</translation>
    </message>
    <message>
        <source>Events so far: %1; none looks like an LLM reply.</source>
        <translation>目前事件数：%1；没有事件像是 LLM 回复。</translation>
    </message>
    <message>
        <source>Events so far: %1; none is in the %2 format.</source>
        <translation>目前事件数：%1；没有事件符合 %2 格式。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&lt;h3&gt;SSE Scope %1&lt;/h3&gt;&lt;p&gt;A monitor for Server-Sent Events: every event, comment, chunk and reconnect, parsed as the WHATWG standard says.&lt;/p&gt;&lt;p&gt;Running on Qt %2 (built with Qt %3).&lt;/p&gt;&lt;p&gt;Licensed under the GNU GPL, version 3 or later.&lt;/p&gt;&lt;p&gt;&lt;a href="%4"&gt;%4&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SSE Scope %1&lt;/h3&gt;&lt;p&gt;Server-Sent Events 监视器：按照 WHATWG 标准解析每一个事件、注释、数据块和重新连接。&lt;/p&gt;&lt;p&gt;运行于 Qt %2（以 Qt %3 构建）。&lt;/p&gt;&lt;p&gt;基于 GNU GPL 第 3 版或更高版本授权。&lt;/p&gt;&lt;p&gt;&lt;a href="%4"&gt;%4&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Embedded Producer</source>
        <translation>嵌入式生产者</translation>
    </message>
    <message>
        <source>SSE Scope</source>
        <translation>SSE Scope</translation>
    </message>
    <message>
        <source>Show or hide the embedded producer&apos;s panel (F9)</source>
        <translation>显示或隐藏嵌入式生产者面板（F9）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>New &amp;Tab</source>
        <translation>新建标签页(&amp;T)</translation>
    </message>
    <message>
        <source>New Tab on the &amp;Demo Stream</source>
        <translation>新建演示流标签页(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Close Tab</source>
        <translation>关闭标签页(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Embedded &amp;Producer</source>
        <translation>嵌入式生产者(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About SSE Scope</source>
        <translation>关于 SSE Scope(&amp;A)</translation>
    </message>
    <message>
        <source>About SSE Scope</source>
        <translation>关于 SSE Scope</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>New stream</source>
        <translation>新建流</translation>
    </message>
    <message>
        <source>Producer: %1</source>
        <translation>生产者：%1</translation>
    </message>
    <message>
        <source>Producer: stopped</source>
        <translation>生产者：已停止</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language changes the next time SSE Scope starts.</source>
        <translation>语言将在下次启动 SSE Scope 时生效。</translation>
    </message>
    <message>
        <source>&amp;Open Recording…</source>
        <translation>打开录制文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Open Recording</source>
        <translation>打开录制文件</translation>
    </message>
    <message>
        <source>SSE Scope recordings (*.sserec);;All files (*)</source>
        <translation>SSE Scope 录制文件 (*.sserec);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open the recording</source>
        <translation>无法打开录制文件</translation>
    </message>
    <message>
        <source>%1

%2

What could be read is shown.</source>
        <translation>%1

%2

已显示能够读取的部分。</translation>
    </message>
    <message>
        <source>&amp;Replay Recording…</source>
        <translation>回放录制文件(&amp;R)…</translation>
    </message>
    <message>
        <source>Replay Recording</source>
        <translation>回放录制文件</translation>
    </message>
    <message>
        <source>&amp;Import Raw Capture…</source>
        <translation>导入原始捕获文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Import Raw Capture</source>
        <translation>导入原始捕获文件</translation>
    </message>
    <message>
        <source>text/event-stream captures (*.sse *.txt *.log);;All files (*)</source>
        <translation>text/event-stream 捕获文件 (*.sse *.txt *.log);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Co&amp;mpare Recordings…</source>
        <translation>比较录制文件(&amp;M)…</translation>
    </message>
    <message>
        <source>Cannot replay the recording</source>
        <translation>无法回放录制文件</translation>
    </message>
    <message>
        <source>%1

%2</source>
        <translation>%1

%2</translation>
    </message>
    <message>
        <source>Cannot import the capture</source>
        <translation>无法导入捕获文件</translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>It is a folder, not a recording. The demo stream opens instead.</source>
        <translation>这是一个文件夹，不是录制文件。将改为打开演示流。</translation>
    </message>
    <message>
        <source>There is no such file. The demo stream opens instead.</source>
        <translation>没有这个文件。将改为打开演示流。</translation>
    </message>
</context>
<context>
    <name>PendingEditBar</name>
    <message>
        <source>The request was changed. The running session goes on as it was started; the change applies from the next connection.</source>
        <translation>请求已更改。正在运行的会话仍按启动时的请求继续；更改从下一次连接起生效。</translation>
    </message>
    <message>
        <source>Reconnect Now</source>
        <translation>立即重新连接</translation>
    </message>
    <message>
        <source>End the running session and connect again with the changed request</source>
        <translation>结束正在运行的会话，并用更改后的请求重新连接</translation>
    </message>
</context>
<context>
    <name>PoliciesPanel</name>
    <message>
        <source>Reconnect when the stream ends</source>
        <translation>流结束时重新连接</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Retry 5xx answers</source>
        <translation>重试 5xx 响应</translation>
    </message>
    <message>
        <source>Reconnect POST and other unsafe methods</source>
        <translation>对 POST 等非安全方法也重新连接</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
    <message>
        <source>e.g. message_stop, done</source>
        <translation>例如 message_stop, done</translation>
    </message>
    <message>
        <source>e.g. [DONE]</source>
        <translation>例如 [DONE]</translation>
    </message>
    <message>
        <source>Fail the stream</source>
        <translation>使流失败</translation>
    </message>
    <message>
        <source>Skip the event</source>
        <translation>跳过该事件</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <source>When an open stream ends or breaks, connect again after the reconnection time and send the last event ID, as EventSource does</source>
        <translation>已打开的流结束或中断时，在重连时间后再次连接并发送最后的事件 ID，与 EventSource 的行为一致</translation>
    </message>
    <message>
        <source>First delay:</source>
        <translation>初始延迟：</translation>
    </message>
    <message>
        <source>The reconnection time until the server sends retry:. Later attempts double it, with jitter</source>
        <translation>服务器发送 retry: 之前使用的重连时间。之后每次尝试将其加倍，并加入随机抖动</translation>
    </message>
    <message>
        <source>Longest delay:</source>
        <translation>最长延迟：</translation>
    </message>
    <message>
        <source>The cap of the exponential backoff between attempts</source>
        <translation>两次尝试之间指数退避的上限</translation>
    </message>
    <message>
        <source>Reset after:</source>
        <translation>重置时间：</translation>
    </message>
    <message>
        <source>A stream that stays open this long starts the backoff again from the first delay</source>
        <translation>流保持打开达到此时长后，退避将从初始延迟重新开始</translation>
    </message>
    <message>
        <source>Attempts:</source>
        <translation>尝试次数：</translation>
    </message>
    <message>
        <source>Connection attempts in all, the first included; then the session fails</source>
        <translation>连接尝试总次数（包括第一次）；用尽后会话失败</translation>
    </message>
    <message>
        <source>Idle timeout:</source>
        <translation>空闲超时：</translation>
    </message>
    <message>
        <source>End the connection when no byte arrives for this long. Heartbeat comments count as bytes</source>
        <translation>超过此时长未收到任何字节时结束连接。心跳注释也算作字节</translation>
    </message>
    <message>
        <source>EventSource gives up on any status but 200. With this, 5xx answers (503 above all) are retried with the backoff, honouring Retry-After</source>
        <translation>EventSource 遇到 200 以外的任何状态码都会放弃。启用此项后，5xx 响应（尤其是 503）将按退避策略重试，并遵循 Retry-After</translation>
    </message>
    <message>
        <source>A POST is sent again, body included, on every reconnect: an LLM request would be paid for again. Off, a POST session ends with its stream</source>
        <translation>每次重新连接都会再次发送 POST（包括请求体）：LLM 请求会被再次计费。关闭此项时，POST 会话随其流一同结束</translation>
    </message>
    <message>
        <source>Stop after</source>
        <translation>停止条件</translation>
    </message>
    <message>
        <source>Event types:</source>
        <translation>事件类型：</translation>
    </message>
    <message>
        <source>End the session after an event of one of these types (comma-separated), such as message_stop</source>
        <translation>收到这些类型之一的事件后结束会话（以逗号分隔），例如 message_stop</translation>
    </message>
    <message>
        <source>Data values:</source>
        <translation>数据值：</translation>
    </message>
    <message>
        <source>End the session after an event whose whole data is one of these (comma-separated), such as [DONE]</source>
        <translation>收到完整数据等于其中之一的事件后结束会话（以逗号分隔），例如 [DONE]</translation>
    </message>
    <message>
        <source>Events:</source>
        <translation>事件数：</translation>
    </message>
    <message>
        <source>End the session after this many events</source>
        <translation>收到此数量的事件后结束会话</translation>
    </message>
    <message>
        <source>Parser limits</source>
        <translation>解析器限制</translation>
    </message>
    <message>
        <source>Line:</source>
        <translation>行：</translation>
    </message>
    <message>
        <source>The longest line the parser accepts (1024 KiB = 1 MiB). A stream that never ends a line cannot eat all memory</source>
        <translation>解析器接受的最长行（1024 KiB = 1 MiB）。这样，一直不结束一行的流也无法耗尽内存</translation>
    </message>
    <message>
        <source>Event data:</source>
        <translation>事件数据：</translation>
    </message>
    <message>
        <source>The most data one event may collect over all its lines</source>
        <translation>单个事件在其所有行中最多可累积的数据量</translation>
    </message>
    <message>
        <source>Over a limit:</source>
        <translation>超出限制时：</translation>
    </message>
    <message>
        <source>Fail: report it and end the stream. Skip: report it, drop that event and go on at the next one</source>
        <translation>使流失败：报告问题并结束流。跳过：报告问题，丢弃该事件并继续处理下一个</translation>
    </message>
</context>
<context>
    <name>PresetsMenu</name>
    <message>
        <source>Built in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>The embedded producer is not running</source>
        <translation>嵌入式生产者未运行</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>No saved presets yet</source>
        <translation>暂无已保存的预设</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <source>Clear recent requests</source>
        <translation>清除最近的请求</translation>
    </message>
    <message>
        <source>Save as preset…</source>
        <translation>另存为预设…</translation>
    </message>
    <message>
        <source>Keep this request, policies included, under a name of your choice</source>
        <translation>以自定义名称保存此请求（包括策略）</translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation>删除预设</translation>
    </message>
    <message>
        <source>Delete the preset “%1”?</source>
        <translation>删除预设“%1”？</translation>
    </message>
    <message>
        <source>Save as preset</source>
        <translation>另存为预设</translation>
    </message>
    <message>
        <source>Name of the preset:</source>
        <translation>预设名称：</translation>
    </message>
    <message>
        <source>“%1” is the name of a built-in preset: choose another name.</source>
        <translation>“%1”是内置预设的名称：请另选一个名称。</translation>
    </message>
    <message>
        <source>Replace the preset “%1”?</source>
        <translation>替换预设“%1”？</translation>
    </message>
</context>
<context>
    <name>ProducerPanel</name>
    <message>
        <source>Ends: never; a tab opened on it reconnects and resumes when the connection breaks.</source>
        <translation>结束方式：永不结束；在其上打开的标签页会在连接断开时重新连接并继续。</translation>
    </message>
    <message>
        <source>Ends: the server closes the stream; a tab opened on it stops there instead of reconnecting.</source>
        <translation>结束方式：服务器关闭流；在其上打开的标签页在此停止，而不是重新连接。</translation>
    </message>
    <message>
        <source>Ends: with an event of type %1; a tab opened on it stops there.</source>
        <translation>结束方式：以类型为 %1 的事件结束；在其上打开的标签页在此停止。</translation>
    </message>
    <message>
        <source>Ends: with the data %1; a tab opened on it stops there.</source>
        <translation>结束方式：以数据 %1 结束；在其上打开的标签页在此停止。</translation>
    </message>
    <message>
        <source>Ends: at once, with an error answer that a client does not retry.</source>
        <translation>结束方式：立即以客户端不会重试的错误响应结束。</translation>
    </message>
    <message>
        <source>port %1, used last time, cannot be had (%2); listening on port %3 instead: URLs saved with port %1 need the new one</source>
        <translation>上次使用的端口 %1 无法使用（%2）；改为监听端口 %3：保存时使用端口 %1 的 URL 需要改用新端口</translation>
    </message>
    <message>
        <source>listening on %1</source>
        <translation>正在监听 %1</translation>
    </message>
    <message>
        <source>integer</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>0 or 1</source>
        <translation>0 或 1</translation>
    </message>
    <message>
        <source>one of</source>
        <translation>取值之一</translation>
    </message>
    <message>
        <source>Open in New Tab</source>
        <translation>在新标签页中打开</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>任意空闲端口</translation>
    </message>
    <message>
        <source>The port the producer listens on at 127.0.0.1; it applies when the producer starts.</source>
        <translation>生产者在 127.0.0.1 上监听的端口；在生产者启动时生效。</translation>
    </message>
    <message>
        <source>Start or stop the embedded producer. Tabs reading from it see their streams end.</source>
        <translation>启动或停止嵌入式生产者。正在从中读取的标签页会看到其流结束。</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Every stream the embedded producer serves. Double-click to open one in a new tab.</source>
        <translation>嵌入式生产者提供的所有流。双击可在新标签页中打开。</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>The query parameters the scenario accepts. Type them into the query field.</source>
        <translation>该场景接受的查询参数。请在查询字段中输入。</translation>
    </message>
    <message>
        <source>Query parameters for the scenario, as name=value pairs joined with &amp;.</source>
        <translation>场景的查询参数，为以 &amp; 连接的 name=value 对。</translation>
    </message>
    <message>
        <source>Open the selected scenario, with the query above, in a new tab.</source>
        <translation>使用上方的查询参数，在新标签页中打开所选场景。</translation>
    </message>
    <message>
        <source>What the producer does appears here.</source>
        <translation>生产者的活动将显示在此处。</translation>
    </message>
    <message>
        <source>The producer&apos;s log: streams started and ended, rejected requests.</source>
        <translation>生产者日志：流的开始与结束、被拒绝的请求。</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Query:</source>
        <translation>查询：</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>The producer could not start</source>
        <translation>生产者无法启动</translation>
    </message>
    <message>
        <source>The embedded producer could not listen on port %1: %2

Choose another port, or 0 for any free port, and start it again.</source>
        <translation>嵌入式生产者无法监听端口 %1：%2

请选择其他端口（或填 0 使用任意空闲端口），然后重新启动。</translation>
    </message>
    <message numerus="yes">
        <source>Running on &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt; &amp;mdash; %n stream(s) open</source>
        <translation>
            <numerusform>运行于 &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt; &amp;mdash; %n 个流已打开</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>已停止：%1</translation>
    </message>
    <message>
        <source>This scenario takes no parameters</source>
        <translation>此场景不接受参数</translation>
    </message>
</context>
<context>
    <name>RateChart</name>
    <message>
        <source>Events/s</source>
        <translation>每秒事件数</translation>
    </message>
    <message>
        <source>Bytes/s</source>
        <translation>每秒字节数</translation>
    </message>
    <message>
        <source>events/s</source>
        <translation>事件/s</translation>
    </message>
    <message>
        <source>GiB/s</source>
        <translation>GiB/s</translation>
    </message>
    <message>
        <source>MiB/s</source>
        <translation>MiB/s</translation>
    </message>
    <message>
        <source>KiB/s</source>
        <translation>KiB/s</translation>
    </message>
    <message>
        <source>bytes/s</source>
        <translation>字节/s</translation>
    </message>
</context>
<context>
    <name>RecordControl</name>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>Stop recording; the file keeps what was recorded (Ctrl+R)</source>
        <translation>停止录制；文件会保留已录制的内容（Ctrl+R）</translation>
    </message>
    <message>
        <source>Record this session to a file: the request, responses, raw chunks with their times and state changes (Ctrl+R). Secrets in headers are redacted.</source>
        <translation>将此会话录制到文件：请求、响应、带时间的原始数据块和状态变化（Ctrl+R）。头部中的密钥会被隐去。</translation>
    </message>
    <message>
        <source>Record to</source>
        <translation>录制到</translation>
    </message>
    <message>
        <source>SSE Scope recordings (*.sserec);;All files (*)</source>
        <translation>SSE Scope 录制文件 (*.sserec);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot record</source>
        <translation>无法录制</translation>
    </message>
    <message>
        <source>records the next session to %1</source>
        <translation>将把下一个会话录制到 %1</translation>
    </message>
    <message>
        <source>Cannot write the recording %1: %2. Choose another place.</source>
        <translation>无法写入录制文件 %1：%2。请选择其他位置。</translation>
    </message>
    <message>
        <source>not recording</source>
        <translation>未在录制</translation>
    </message>
    <message>
        <source>recording stopped</source>
        <translation>录制已停止</translation>
    </message>
    <message>
        <source>The recording stopped</source>
        <translation>录制已停止</translation>
    </message>
    <message>
        <source>%1

The stream goes on; what was recorded so far is kept.</source>
        <translation>%1

流仍在继续；已录制的内容会保留。</translation>
    </message>
    <message>
        <source>recorded %1 (%2)</source>
        <translation>已录制 %1（%2）</translation>
    </message>
</context>
<context>
    <name>RecordingLoader</name>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
</context>
<context>
    <name>RejectedBodyView</name>
    <message>
        <source>What the server sent (HTTP %1, its first %2):</source>
        <translation>服务器发送的内容（HTTP %1，前 %2）：</translation>
    </message>
    <message>
        <source>What the server sent (HTTP %1, %2):</source>
        <translation>服务器发送的内容（HTTP %1，%2）：</translation>
    </message>
</context>
<context>
    <name>ReplayBar</name>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play the recording at the chosen speed, or pause it</source>
        <translation>以所选速度播放录制文件，或暂停播放</translation>
    </message>
    <message>
        <source>Next Read</source>
        <translation>下一次读取</translation>
    </message>
    <message>
        <source>Hand over the next recorded read (one network chunk), then pause</source>
        <translation>送出下一次录制的读取（一个网络数据块），然后暂停</translation>
    </message>
    <message>
        <source>Next Event</source>
        <translation>下一个事件</translation>
    </message>
    <message>
        <source>Hand over recorded reads until the next event is complete, then pause</source>
        <translation>持续送出录制的读取，直到下一个事件完整，然后暂停</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Clear the tab and replay the recording from its start</source>
        <translation>清空标签页并从头回放录制文件</translation>
    </message>
    <message>
        <source>How fast the recorded times pass</source>
        <translation>录制中时间流逝的速度</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>as fast as possible</source>
        <translation>尽可能快</translation>
    </message>
    <message>
        <source>How much of the recording has been replayed</source>
        <translation>录制文件已回放的进度</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play or step to replay it from the start</source>
        <translation>播放或单步执行即可从头回放</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>replayed to the end</source>
        <translation>已回放到结尾</translation>
    </message>
    <message>
        <source>stopped: the file is damaged</source>
        <translation>已停止：文件已损坏</translation>
    </message>
    <message numerus="yes">
        <source>%1 s · %Ln read(s)</source>
        <translation>
            <numerusform>%1 秒 · %Ln 次读取</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln 个事件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReplayRecording</name>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>a directory, not a recording</source>
        <translation>这是一个目录，不是录制文件</translation>
    </message>
    <message>
        <source>its response body is larger than %1 MiB, more than a replay holds in memory</source>
        <translation>其响应体大于 %1 MiB，超出了回放可在内存中保存的大小</translation>
    </message>
    <message>
        <source>no response with status 200 was recorded, so there is nothing to replay</source>
        <translation>没有录制到状态码为 200 的响应，因此没有可回放的内容</translation>
    </message>
</context>
<context>
    <name>RequestEditor</name>
    <message>
        <source>The HTTP method. EventSource always sends GET; LLM APIs stream the answer to a POST</source>
        <translation>HTTP 方法。EventSource 总是发送 GET；LLM API 则以流式返回 POST 请求的响应</translation>
    </message>
    <message>
        <source>https://host/stream, or pick a preset</source>
        <translation>https://host/stream，或选择一个预设</translation>
    </message>
    <message>
        <source>The URL of the event stream (Ctrl+L). Return connects. Recent URLs are offered as you type</source>
        <translation>事件流的 URL（Ctrl+L）。按回车键连接。输入时会提示最近使用的 URL</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Ready-made requests (the embedded demo and LLM streams, OpenAI, Anthropic), your saved presets and recent requests</source>
        <translation>现成的请求（嵌入式演示流和 LLM 流、OpenAI、Anthropic）、你保存的预设以及最近的请求</translation>
    </message>
    <message>
        <source>Import curl…</source>
        <translation>导入 curl…</translation>
    </message>
    <message>
        <source>Fill the request from a curl command, such as a browser&apos;s “Copy as cURL”</source>
        <translation>根据 curl 命令填写请求，例如浏览器的“复制为 cURL”</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>复制为 curl</translation>
    </message>
    <message>
        <source>Copy a curl -N command that sends this request to the clipboard</source>
        <translation>将发送此请求的 curl -N 命令复制到剪贴板</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Show or hide the request details: headers, body, policies and connection</source>
        <translation>显示或隐藏请求详情：请求头、请求体、策略和连接</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>请求头</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>请求体</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Request headers, each of which can be switched off</source>
        <translation>请求头，每一项都可以单独关闭</translation>
    </message>
    <message>
        <source>The request body, with a JSON check</source>
        <translation>请求体，带 JSON 检查</translation>
    </message>
    <message>
        <source>Reconnecting, when to stop, and the parser&apos;s size limits</source>
        <translation>重新连接、停止条件以及解析器的大小限制</translation>
    </message>
    <message>
        <source>Last-Event-ID, TLS trust and proxy</source>
        <translation>Last-Event-ID、TLS 信任和代理</translation>
    </message>
    <message>
        <source>Enter the URL of the event stream, or pick a preset.</source>
        <translation>请输入事件流的 URL，或选择一个预设。</translation>
    </message>
    <message>
        <source>The URL is not valid: %1.</source>
        <translation>URL 无效：%1。</translation>
    </message>
    <message>
        <source>The URL must start with http:// or https://, not %1://.</source>
        <translation>URL 必须以 http:// 或 https:// 开头，而不是 %1://。</translation>
    </message>
    <message>
        <source>The URL has no host name: write it as http://host:port/path.</source>
        <translation>URL 没有主机名：请写成 http://host:port/path 的形式。</translation>
    </message>
    <message>
        <source>“%1” is not an HTTP method: use a single word such as GET or POST.</source>
        <translation>“%1”不是 HTTP 方法：请使用单个单词，例如 GET 或 POST。</translation>
    </message>
    <message>
        <source>The body is not valid JSON (%1). Fix it on the Body page, or change the Content-Type header.</source>
        <translation>请求体不是有效的 JSON（%1）。请在“请求体”页修正，或更改 Content-Type 请求头。</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Headers (%1)</source>
        <translation>请求头 (%1)</translation>
    </message>
    <message>
        <source>Body •</source>
        <translation>请求体 •</translation>
    </message>
</context>
<context>
    <name>RequestPresets</name>
    <message>
        <source>Embedded demo (ticker)</source>
        <translation>嵌入式演示（ticker）</translation>
    </message>
    <message>
        <source>An endless tick event every 400 ms from the built-in producer.</source>
        <translation>内置生产者每 400 ms 发送一个 tick 事件，永不停止。</translation>
    </message>
    <message>
        <source>Embedded LLM: OpenAI-compatible</source>
        <translation>嵌入式 LLM：OpenAI 兼容</translation>
    </message>
    <message>
        <source>A streamed chat completion from the built-in producer, ending with data: [DONE].</source>
        <translation>来自内置生产者的流式聊天补全，以 data: [DONE] 结束。</translation>
    </message>
    <message>
        <source>Embedded LLM: Anthropic</source>
        <translation>嵌入式 LLM：Anthropic</translation>
    </message>
    <message>
        <source>A streamed Anthropic-style message from the built-in producer, ending with message_stop.</source>
        <translation>来自内置生产者的 Anthropic 风格流式消息，以 message_stop 结束。</translation>
    </message>
    <message>
        <source>OpenAI chat completion</source>
        <translation>OpenAI 聊天补全</translation>
    </message>
    <message>
        <source>Needs your key: replace $OPENAI_API_KEY, or set that environment variable.</source>
        <translation>需要你的密钥：替换 $OPENAI_API_KEY，或设置该环境变量。</translation>
    </message>
    <message>
        <source>Anthropic messages</source>
        <translation>Anthropic 消息</translation>
    </message>
    <message>
        <source>Needs your key: replace $ANTHROPIC_API_KEY, or set that environment variable.</source>
        <translation>需要你的密钥：替换 $ANTHROPIC_API_KEY，或设置该环境变量。</translation>
    </message>
</context>
<context>
    <name>Scenario</name>
    <message>
        <source>How many recorded reads to release.</source>
        <translation>要放行的已录制读取次数。</translation>
    </message>
    <message>
        <source>Any HTTP status (204 stops a client; 500 and 503 fail it).</source>
        <translation>任意 HTTP 状态码（204 会让客户端停止；500 和 503 会使其失败）。</translation>
    </message>
    <message>
        <source>Status 200 with an event-stream body but another Content-Type.</source>
        <translation>状态码 200，正文为 event-stream，但 Content-Type 不同。</translation>
    </message>
    <message>
        <source>A redirect to another scenario, or one with no Location.</source>
        <translation>重定向到另一个场景，或不带 Location 的重定向。</translation>
    </message>
    <message>
        <source>One event, type request, reporting the method, headers and body received.</source>
        <translation>一个类型为 request 的事件，报告收到的方法、请求头和正文。</translation>
    </message>
    <message>
        <source>the status code</source>
        <translation>状态码</translation>
    </message>
    <message>
        <source>Retry-After in seconds (0: no header)</source>
        <translation>Retry-After 秒数（0：不发送该头）</translation>
    </message>
    <message>
        <source>error text in the JSON body</source>
        <translation>JSON 正文中的错误文本</translation>
    </message>
    <message>
        <source>the Content-Type to send</source>
        <translation>要发送的 Content-Type</translation>
    </message>
    <message>
        <source>301, 302, 303, 307 or 308</source>
        <translation>301、302、303、307 或 308</translation>
    </message>
    <message>
        <source>the Location</source>
        <translation>Location 的值</translation>
    </message>
    <message>
        <source>leave the Location header out</source>
        <translation>省略 Location 头</translation>
    </message>
    <message>
        <source>any other parameter is accepted and echoed</source>
        <translation>接受并回显其他任意参数</translation>
    </message>
    <message>
        <source>OpenAI-compatible chat completion: chat.completion.chunk deltas, finish_reason, data: [DONE].</source>
        <translation>兼容 OpenAI 的聊天补全：chat.completion.chunk 增量、finish_reason、data: [DONE]。</translation>
    </message>
    <message>
        <source>Anthropic-style messages stream: message_start, content_block_delta ..., message_stop.</source>
        <translation>Anthropic 风格的消息流：message_start、content_block_delta ...、message_stop。</translation>
    </message>
    <message>
        <source>model name echoed in the stream</source>
        <translation>在流中回显的模型名称</translation>
    </message>
    <message>
        <source>stream the reply (false: one JSON response)</source>
        <translation>以流式发送回复（false：单个 JSON 响应）</translation>
    </message>
    <message>
        <source>the text of the reply</source>
        <translation>回复文本</translation>
    </message>
    <message>
        <source>tokens per second (0: as fast as possible)</source>
        <translation>每秒 token 数（0：尽可能快）</translation>
    </message>
    <message>
        <source>stream reasoning_content deltas before the reply</source>
        <translation>在回复之前流式发送 reasoning_content 增量</translation>
    </message>
    <message>
        <source>Django StreamingHttpResponse demo: data: 当前行号是N every few seconds, endless.</source>
        <translation>Django StreamingHttpResponse 示例：每隔几秒发送 data: 当前行号是N，无限持续。</translation>
    </message>
    <message>
        <source>FastAPI StreamingResponse demo: N messages, then event: close with data: bye.</source>
        <translation>FastAPI StreamingResponse 示例：先发送 N 条消息，然后发送带 data: bye 的 event: close。</translation>
    </message>
    <message>
        <source>{&quot;message&quot;: &quot;now time:... value:...&quot;} at random delays.</source>
        <translation>以随机间隔发送 {&quot;message&quot;: &quot;now time:... value:...&quot;}。</translation>
    </message>
    <message>
        <source>Comment lines only (: heartbeat N), no events.</source>
        <translation>仅发送注释行（: heartbeat N），不发送事件。</translation>
    </message>
    <message>
        <source>One event with a very large data field, then a small one.</source>
        <translation>一个 data 字段非常大的事件，随后是一个小事件。</translation>
    </message>
    <message>
        <source>A few events written one byte at a time.</source>
        <translation>几个事件，每次只写入一个字节。</translation>
    </message>
    <message>
        <source>Multi-line events with the chosen line ending; split=1 sends each CR and its LF in separate writes.</source>
        <translation>使用所选换行符的多行事件；split=1 时将每个 CR 与其后的 LF 分开写入。</translation>
    </message>
    <message>
        <source>Complete events, then a final event without its blank line, then the end of the stream.</source>
        <translation>先发送完整事件，再发送一个缺少结尾空行的最终事件，然后结束流。</translation>
    </message>
    <message>
        <source>Response headers, then silence.</source>
        <translation>发送响应头后不再输出任何内容。</translation>
    </message>
    <message>
        <source>A ticker with Content-Encoding: gzip, flushed per event.</source>
        <translation>使用 Content-Encoding: gzip 的定时事件流，每个事件刷新一次。</translation>
    </message>
    <message>
        <source>ms between events</source>
        <translation>事件间隔（ms）</translation>
    </message>
    <message>
        <source>events to send (0: endless)</source>
        <translation>要发送的事件数（0：无限）</translation>
    </message>
    <message>
        <source>messages before the close event</source>
        <translation>close 事件之前的消息数</translation>
    </message>
    <message>
        <source>longest delay in ms</source>
        <translation>最长延迟（ms）</translation>
    </message>
    <message>
        <source>ms between comments</source>
        <translation>注释间隔（ms）</translation>
    </message>
    <message>
        <source>comments to send (0: endless)</source>
        <translation>要发送的注释数（0：无限）</translation>
    </message>
    <message>
        <source>bytes of data</source>
        <translation>data 的字节数</translation>
    </message>
    <message>
        <source>ms between bytes</source>
        <translation>字节间隔（ms）</translation>
    </message>
    <message>
        <source>events</source>
        <translation>事件数</translation>
    </message>
    <message>
        <source>write CR and LF separately</source>
        <translation>分开写入 CR 和 LF</translation>
    </message>
    <message>
        <source>ms between writes</source>
        <translation>写入间隔（ms）</translation>
    </message>
    <message>
        <source>complete events first</source>
        <translation>先发送的完整事件数</translation>
    </message>
    <message>
        <source>N events every T ms with ids; resumes after Last-Event-ID. Fault and framing options apply.</source>
        <translation>每 T ms 发送一个带 id 的事件，共 N 个；从 Last-Event-ID 之后续传。支持故障和分帧选项。</translation>
    </message>
    <message>
        <source>A server that sends 20 events and then ends the stream.</source>
        <translation>发送 20 个事件后结束流的服务器。</translation>
    </message>
    <message>
        <source>ms between events (0: as fast as possible)</source>
        <translation>事件间隔（ms，0：尽可能快）</translation>
    </message>
    <message>
        <source>event type (empty: message)</source>
        <translation>事件类型（留空：message）</translation>
    </message>
    <message>
        <source>pad each event&apos;s data to this many bytes</source>
        <translation>将每个事件的 data 填充到此字节数</translation>
    </message>
    <message>
        <source>id of the first event</source>
        <translation>第一个事件的 id</translation>
    </message>
    <message>
        <source>add sent_us=&lt;wall-clock microseconds&gt; to each event, to measure latency</source>
        <translation>为每个事件添加 sent_us=&lt;挂钟时间微秒数&gt;，用于测量延迟</translation>
    </message>
    <message>
        <source>events per second, sent in a batch every 10 ms (0: use interval instead)</source>
        <translation>每秒事件数，每 10 ms 批量发送一次（0：改用 interval）</translation>
    </message>
    <message>
        <source>line ending: lf, crlf or cr</source>
        <translation>换行符：lf、crlf 或 cr</translation>
    </message>
    <message>
        <source>start the stream with a UTF-8 byte order mark</source>
        <translation>在流开头发送 UTF-8 字节顺序标记（BOM）</translation>
    </message>
    <message>
        <source>send retry: with this many ms first (0: none)</source>
        <translation>先发送 retry: 字段，值为此 ms 数（0：不发送）</translation>
    </message>
    <message>
        <source>chunked, or close (the body ends when the connection closes)</source>
        <translation>chunked 或 close（连接关闭时正文结束）</translation>
    </message>
    <message>
        <source>reset the connection after this many events (0: never)</source>
        <translation>发送此数量的事件后重置连接（0：从不）</translation>
    </message>
    <message>
        <source>percent chance, per event, to reset the connection in the middle of that event (a reconnect at the same Last-Event-ID draws anew)</source>
        <translation>每个事件在发送中途重置连接的概率百分比（在同一 Last-Event-ID 处重连会重新抽取）</translation>
    </message>
    <message>
        <source>seed for random faults and delays, drawn per connection from it, the Last-Event-ID and the count of connections in a row at that id: the same seed and client give the same run</source>
        <translation>随机故障和延迟的种子；每个连接根据它、Last-Event-ID 以及在该 id 处连续连接的次数进行抽取：相同的种子和客户端会得到相同的运行结果</translation>
    </message>
</context>
<context>
    <name>SecretsBar</name>
    <message>
        <source>Remember secrets in the system keychain</source>
        <translation>在系统密钥链中记住机密信息</translation>
    </message>
    <message>
        <source>Keep this request&apos;s Authorization, Cookie and API-key values and URL passwords in the system keychain when it is saved as a preset or a recent request. Without this they are not remembered: the settings file never holds them</source>
        <translation>将此请求保存为预设或最近的请求时，把其中的 Authorization、Cookie 和 API 密钥的值以及 URL 密码保存在系统密钥链中。不勾选则不会记住它们：设置文件从不保存这些信息</translation>
    </message>
    <message>
        <source>This copy of SSE Scope was built without the system keychain (QtKeychain), so secrets are never remembered: type them again each time, or use $NAME placeholders filled from the environment</source>
        <translation>此 SSE Scope 构建不支持系统密钥链（QtKeychain），因此从不记住机密信息：请每次重新输入，或使用由环境变量填充的 $NAME 占位符</translation>
    </message>
    <message>
        <source>Reading this request&apos;s secrets from the system keychain…</source>
        <translation>正在从系统密钥链读取此请求的机密信息…</translation>
    </message>
    <message>
        <source>The system keychain no longer holds this request&apos;s secrets.</source>
        <translation>系统密钥链中已没有此请求的机密信息。</translation>
    </message>
    <message>
        <source>the password in the URL</source>
        <translation>URL 中的密码</translation>
    </message>
    <message>
        <source>the proxy password</source>
        <translation>代理密码</translation>
    </message>
    <message>
        <source>Not remembered: %1. Type them again to connect; to keep them next time, remember secrets in the system keychain.</source>
        <translation>未记住：%1。请重新输入后再连接；若要下次保留，请选择在系统密钥链中记住机密信息。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The value of the header %1 was not remembered: type it again on the Headers page.</source>
        <translation>请求头 %1 的值未被记住：请在“请求头”页重新输入。</translation>
    </message>
    <message>
        <source>The password in the URL was not remembered: type it again, as in https://user:password@host/path.</source>
        <translation>URL 中的密码未被记住：请重新输入，格式如 https://user:password@host/path。</translation>
    </message>
    <message>
        <source>The proxy password was not remembered: type it again on the Connection page, as in http://user:password@host:3128.</source>
        <translation>代理密码未被记住：请在“连接”页重新输入，格式如 http://user:password@host:3128。</translation>
    </message>
    <message>
        <source>not remembered</source>
        <translation>未记住</translation>
    </message>
    <message>
        <source>This secret was not remembered with the request: type it again</source>
        <translation>此机密信息未随请求一起记住：请重新输入</translation>
    </message>
    <message>
        <source>The system keychain could not keep the secrets: %1</source>
        <translation>系统密钥链无法保存机密信息：%1</translation>
    </message>
    <message>
        <source>The system keychain could not give the secrets back: %1</source>
        <translation>无法从系统密钥链读取机密信息：%1</translation>
    </message>
    <message>
        <source>The system keychain could not delete secrets no longer needed: %1</source>
        <translation>系统密钥链无法删除不再需要的机密信息：%1</translation>
    </message>
</context>
<context>
    <name>SessionExport</name>
    <message>
        <source>cannot create a temporary file in %1: %2</source>
        <translation>无法在 %1 中创建临时文件：%2</translation>
    </message>
    <message>
        <source>cannot write a temporary file: %1</source>
        <translation>无法写入临时文件：%1</translation>
    </message>
    <message>
        <source>cannot read a temporary file: %1</source>
        <translation>无法读取临时文件：%1</translation>
    </message>
    <message>
        <source>cannot read the capture: %1</source>
        <translation>无法读取捕获文件：%1</translation>
    </message>
    <message>
        <source>the export was cancelled</source>
        <translation>导出已取消</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
</context>
<context>
    <name>SessionReader</name>
    <message>
        <source>line %1: %2_b64 is not valid base64</source>
        <translation>第 %1 行：%2_b64 不是有效的 base64</translation>
    </message>
    <message>
        <source>line %1: a header that is not a [name, value] pair</source>
        <translation>第 %1 行：某个头部不是 [名称, 值] 对</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>not an SSE Scope recording (line 1 is not a session header)</source>
        <translation>不是 SSE Scope 录制文件（第 1 行不是会话头）</translation>
    </message>
    <message>
        <source>recorded by a newer SSE Scope (format version %1; this one reads %2)</source>
        <translation>由更新版本的 SSE Scope 录制（格式版本 %1；本版本可读取 %2）</translation>
    </message>
    <message>
        <source>line %1 (byte %2): not JSON: %3</source>
        <translation>第 %1 行（字节 %2）：不是 JSON：%3</translation>
    </message>
    <message>
        <source>line %1 (byte %2): not a JSON object</source>
        <translation>第 %1 行（字节 %2）：不是 JSON 对象</translation>
    </message>
    <message>
        <source>line %1: a chunk record without data</source>
        <translation>第 %1 行：数据块记录缺少数据</translation>
    </message>
    <message>
        <source>line %1: a state record with an unknown state</source>
        <translation>第 %1 行：状态记录中的状态未知</translation>
    </message>
    <message>
        <source>line %1 (byte %2): a record without a type</source>
        <translation>第 %1 行（字节 %2）：记录缺少类型</translation>
    </message>
    <message>
        <source>line %1 (byte %2): longer than %3 bytes</source>
        <translation>第 %1 行（字节 %2）：长度超过 %3 字节</translation>
    </message>
    <message>
        <source>empty file: not a recording</source>
        <translation>空文件：不是录制文件</translation>
    </message>
    <message>
        <source>the last record (line %1, byte %2) is incomplete: the recording was cut off; it was dropped</source>
        <translation>最后一条记录（第 %1 行，字节 %2）不完整：录制被中断；该记录已丢弃</translation>
    </message>
</context>
<context>
    <name>SessionViews</name>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>LLM Reply</source>
        <translation>LLM 回复</translation>
    </message>
    <message>
        <source>Every event, comment, state change and raw chunk, with filters and details</source>
        <translation>所有事件、注释、状态变化和原始数据块，支持过滤和查看详情</translation>
    </message>
    <message>
        <source>Connection attempts, rates over time, inter-arrival times</source>
        <translation>连接尝试、速率随时间的变化、事件到达间隔</translation>
    </message>
    <message>
        <source>The reply of an LLM chat stream, assembled from its deltas</source>
        <translation>由增量拼合而成的 LLM 聊天流回复</translation>
    </message>
</context>
<context>
    <name>SessionWriter</name>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <source>The recording is not open.</source>
        <translation>录制文件未打开。</translation>
    </message>
    <message>
        <source>Cannot write to %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>ShellWords</name>
    <message>
        <source>line %1, column %2</source>
        <translation>第 %1 行，第 %2 列</translation>
    </message>
    <message>
        <source>The single quote (&apos;) at %1 is never closed.</source>
        <translation>位于 %1 的单引号 (&apos;) 未闭合。</translation>
    </message>
    <message>
        <source>The quote $&apos; at %1 is never closed.</source>
        <translation>位于 %1 的引号 $&apos; 未闭合。</translation>
    </message>
    <message>
        <source>The double quote (&quot;) at %1 is never closed.</source>
        <translation>位于 %1 的双引号 (&quot;) 未闭合。</translation>
    </message>
</context>
<context>
    <name>StateLine</name>
    <message>
        <source>The session&apos;s state and why it is in it</source>
        <translation>会话的状态及其原因</translation>
    </message>
    <message>
        <source>The last response&apos;s status line; its headers are in the tooltip and under Statistics</source>
        <translation>最近一次响应的状态行；其响应头见工具提示和“统计”页</translation>
    </message>
</context>
<context>
    <name>StateText</name>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>waiting-to-reconnect</source>
        <translation>等待重连</translation>
    </message>
    <message>
        <source>closed-by-user</source>
        <translation>已由用户关闭</translation>
    </message>
    <message>
        <source>stopped-by-server</source>
        <translation>已被服务器停止</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>open</source>
        <translation>已打开</translation>
    </message>
    <message>
        <source>waiting to reconnect</source>
        <translation>等待重新连接</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>stopped by the server</source>
        <translation>已被服务器停止</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 with Last-Event-ID %2</source>
        <translation>%1，带 Last-Event-ID %2</translation>
    </message>
    <message>
        <source>TLS ERRORS IGNORED as asked: %1</source>
        <translation>已按要求忽略 TLS 错误：%1</translation>
    </message>
    <message>
        <source>HTTP %1, %2</source>
        <translation>HTTP %1，%2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an http or https URL</source>
        <translation>“%1”不是 http 或 https URL</translation>
    </message>
    <message>
        <source>no PEM certificate could be read from &apos;%1&apos;</source>
        <translation>无法从“%1”读取 PEM 证书</translation>
    </message>
    <message>
        <source>cannot connect: %1</source>
        <translation>无法连接：%1</translation>
    </message>
    <message>
        <source>TLS handshake failed: %1</source>
        <translation>TLS 握手失败：%1</translation>
    </message>
    <message>
        <source>the request failed: %1</source>
        <translation>请求失败：%1</translation>
    </message>
    <message>
        <source>HTTP %1 %2: a redirect without a usable Location header</source>
        <translation>HTTP %1 %2：重定向没有可用的 Location 响应头</translation>
    </message>
    <message>
        <source>HTTP %1 %2</source>
        <translation>HTTP %1 %2</translation>
    </message>
    <message>
        <source>HTTP 204 No Content: the server asks not to reconnect</source>
        <translation>HTTP 204 No Content：服务器要求不要重新连接</translation>
    </message>
    <message>
        <source>HTTP %1 without a Content-Type: not an event stream</source>
        <translation>HTTP %1 没有 Content-Type：不是事件流</translation>
    </message>
    <message>
        <source>HTTP %1 with Content-Type %2, not text/event-stream</source>
        <translation>HTTP %1 的 Content-Type 是 %2，不是 text/event-stream</translation>
    </message>
    <message>
        <source>the stream went over a limit: %1</source>
        <translation>流超出了限制：%1</translation>
    </message>
    <message>
        <source>no byte for %1 (read timeout)</source>
        <translation>%1 内未收到任何字节（读取超时）</translation>
    </message>
    <message>
        <source>the server ended the stream</source>
        <translation>服务器结束了流</translation>
    </message>
    <message>
        <source>the connection broke: %1</source>
        <translation>连接中断：%1</translation>
    </message>
    <message>
        <source>stop rule: event type %1</source>
        <translation>停止规则：事件类型 %1</translation>
    </message>
    <message>
        <source>stop rule: data %1</source>
        <translation>停止规则：数据 %1</translation>
    </message>
    <message numerus="yes">
        <source>stop rule: %n event(s) received</source>
        <translation>
            <numerusform>停止规则：已收到 %n 个事件</numerusform>
        </translation>
    </message>
    <message>
        <source>closed by the user</source>
        <translation>已由用户关闭</translation>
    </message>
    <message>
        <source>attempt %1 in %2, as the server&apos;s Retry-After asks</source>
        <translation>按服务器 Retry-After 的要求，%2后进行第 %1 次尝试</translation>
    </message>
    <message>
        <source>attempt %1 in %2</source>
        <translation>%2后进行第 %1 次尝试</translation>
    </message>
    <message>
        <source>reconnecting is off</source>
        <translation>重新连接已关闭</translation>
    </message>
    <message>
        <source>not reconnecting: that would send the %1 request again</source>
        <translation>不重新连接：那样会再次发送 %1 请求</translation>
    </message>
    <message numerus="yes">
        <source>gave up after %n attempt(s)</source>
        <translation>
            <numerusform>尝试 %n 次后放弃</numerusform>
        </translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>The server asked the client to stop (204). Browsers&apos; EventSource stops here too.</source>
        <translation>服务器要求客户端停止（204）。浏览器的 EventSource 在这种情况下也会停止。</translation>
    </message>
    <message>
        <source>The server failed. Check its log; under Request details &gt; Policies, &quot;Retry 5xx&quot; keeps reconnecting as a resilient client would.</source>
        <translation>服务器出错。请检查其日志；在“请求详情 &gt; 策略”中启用“重试 5xx 响应”，即可像健壮的客户端那样持续重新连接。</translation>
    </message>
    <message>
        <source>The server refused the credentials. Add or fix the Authorization header under Request details &gt; Headers.</source>
        <translation>服务器拒绝了凭据。请在“请求详情 &gt; 请求头”中添加或修正 Authorization 请求头。</translation>
    </message>
    <message>
        <source>Nothing is served at this URL. Check the path.</source>
        <translation>此 URL 上没有提供任何内容。请检查路径。</translation>
    </message>
    <message>
        <source>The server does not take this method here. Try GET or POST.</source>
        <translation>服务器在此处不接受该方法。请尝试 GET 或 POST。</translation>
    </message>
    <message>
        <source>The server rejected the request. Its answer is shown below.</source>
        <translation>服务器拒绝了该请求。其响应内容显示在下方。</translation>
    </message>
    <message>
        <source>This is not an event stream. The server must answer with Content-Type: text/event-stream. What it sent is shown below.</source>
        <translation>这不是事件流。服务器必须以 Content-Type: text/event-stream 响应。它发送的内容显示在下方。</translation>
    </message>
    <message>
        <source>The certificate is not trusted. Give its CA file, or ignore TLS errors for a test server.</source>
        <translation>证书不受信任。请提供其 CA 文件；若是测试服务器，也可以忽略 TLS 错误。</translation>
    </message>
    <message>
        <source>Choose a file with PEM certificates under Request details &gt; Connection.</source>
        <translation>请在“请求详情 &gt; 连接”中选择包含 PEM 证书的文件。</translation>
    </message>
    <message>
        <source>Raise the line or event size limit under Request details &gt; Policies if this stream is meant to send that much.</source>
        <translation>如果此流确实需要发送这么多数据，请在“请求详情 &gt; 策略”中提高行或事件大小限制。</translation>
    </message>
    <message>
        <source>Enter an http:// or https:// URL.</source>
        <translation>请输入 http:// 或 https:// URL。</translation>
    </message>
    <message>
        <source>Nothing answers at this address. Is the server running, and is the port right?</source>
        <translation>此地址无响应。服务器是否在运行？端口是否正确？</translation>
    </message>
    <message>
        <source>The server sent nothing for longer than the read timeout. Send comments as a heartbeat, or raise the timeout under Request details &gt; Policies.</source>
        <translation>服务器在超过读取超时的时间内没有发送任何内容。请让服务器发送注释作为心跳，或在“请求详情 &gt; 策略”中提高超时时间。</translation>
    </message>
    <message>
        <source>Allow reconnecting POST requests under Request details &gt; Policies if the server expects them to be sent again.</source>
        <translation>如果服务器希望再次发送 POST 请求，请在“请求详情 &gt; 策略”中允许重新连接 POST 请求。</translation>
    </message>
    <message>
        <source>Every attempt the policy allows was used. Raise the number of attempts under Request details &gt; Policies, or press Restart.</source>
        <translation>策略允许的尝试次数已用完。请在“请求详情 &gt; 策略”中提高尝试次数，或按“重新开始”。</translation>
    </message>
    <message>
        <source>attempt %1</source>
        <translation>第 %1 次尝试</translation>
    </message>
    <message>
        <source>replaying at %1×</source>
        <translation>正在以 %1× 回放</translation>
    </message>
    <message>
        <source>replaying as fast as possible</source>
        <translation>正在以最快速度回放</translation>
    </message>
    <message>
        <source>replay paused</source>
        <translation>回放已暂停</translation>
    </message>
    <message>
        <source>replayed</source>
        <translation>回放完毕</translation>
    </message>
    <message>
        <source>recording</source>
        <translation>录制文件</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n 个事件</numerusform>
        </translation>
    </message>
    <message>
        <source>ended %1: %2</source>
        <translation>结束于 %1：%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>The server failed. Check its log; reconnecting is off under Request details &gt; Policies.</source>
        <translation>服务器出错。请检查其日志；“请求详情 &gt; 策略”中的重新连接已关闭。</translation>
    </message>
</context>
<context>
    <name>StatisticsPane</name>
    <message>
        <source>Header</source>
        <translation>响应头</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Connection attempts</source>
        <translation>连接尝试</translation>
    </message>
    <message>
        <source>%1 of the times between two consecutive events of one connection are at most this (from a histogram, within 0.8 %).</source>
        <translation>同一连接中相邻两个事件的间隔，有 %1 不超过此值（基于直方图，误差在 0.8 % 以内）。</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Events dispatched, over all connection attempts.</source>
        <translation>所有连接尝试中分发的事件数。</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>注释</translation>
    </message>
    <message>
        <source>Comment lines (starting with &apos;:&apos;), such as heartbeats.</source>
        <translation>注释行（以 &apos;:&apos; 开头），例如心跳。</translation>
    </message>
    <message>
        <source>Body bytes</source>
        <translation>响应体字节数</translation>
    </message>
    <message>
        <source>Bytes of response bodies as read from the network, before parsing.</source>
        <translation>从网络读取的响应体字节数（解析前）。</translation>
    </message>
    <message>
        <source>Event data</source>
        <translation>事件数据</translation>
    </message>
    <message>
        <source>Bytes of event data: the payloads, without field names and line ends.</source>
        <translation>事件数据的字节数：仅负载，不含字段名和行尾。</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Connection attempts made, the first one included.</source>
        <translation>已进行的连接尝试次数（包括第一次）。</translation>
    </message>
    <message>
        <source>First byte after</source>
        <translation>首字节耗时</translation>
    </message>
    <message>
        <source>From the start of the first connection attempt to the first byte of a stream body, waits between attempts included.</source>
        <translation>从第一次连接尝试开始到收到流响应体第一个字节的时间，包括各次尝试之间的等待。</translation>
    </message>
    <message>
        <source>First event after</source>
        <translation>首个事件耗时</translation>
    </message>
    <message>
        <source>From the start of the first connection attempt to the first event, waits between attempts included.</source>
        <translation>从第一次连接尝试开始到收到第一个事件的时间，包括各次尝试之间的等待。</translation>
    </message>
    <message>
        <source>Network reads</source>
        <translation>网络读取次数</translation>
    </message>
    <message>
        <source>How many pieces the bodies arrived in. Few large reads after long pauses point to a proxy that buffers the stream.</source>
        <translation>响应体分成多少块到达。如果长时间停顿后出现少量大块读取，说明有代理在缓冲该流。</translation>
    </message>
    <message>
        <source>Events/s now</source>
        <translation>当前每秒事件数</translation>
    </message>
    <message>
        <source>Events per second over the last %1 complete seconds.</source>
        <translation>最近 %1 个完整秒内的每秒事件数。</translation>
    </message>
    <message>
        <source>Events/s average</source>
        <translation>平均每秒事件数</translation>
    </message>
    <message>
        <source>Events per second from the first byte or event to now, or to the end of the session.</source>
        <translation>从第一个字节或事件到现在（或到会话结束）的每秒事件数。</translation>
    </message>
    <message>
        <source>Bytes/s now</source>
        <translation>当前每秒字节数</translation>
    </message>
    <message>
        <source>Body bytes per second over the last %1 complete seconds.</source>
        <translation>最近 %1 个完整秒内每秒的响应体字节数。</translation>
    </message>
    <message>
        <source>Bytes/s average</source>
        <translation>平均每秒字节数</translation>
    </message>
    <message>
        <source>Body bytes per second from the first byte or event to now, or to the end of the session.</source>
        <translation>从第一个字节或事件到现在（或到会话结束）每秒的响应体字节数。</translation>
    </message>
    <message>
        <source>Event gap p50</source>
        <translation>事件间隔 p50</translation>
    </message>
    <message>
        <source>Half</source>
        <translation>一半</translation>
    </message>
    <message>
        <source>Event gap p95</source>
        <translation>事件间隔 p95</translation>
    </message>
    <message>
        <source>95 %</source>
        <translation>95 %</translation>
    </message>
    <message>
        <source>Event gap p99</source>
        <translation>事件间隔 p99</translation>
    </message>
    <message>
        <source>99 %</source>
        <translation>99 %</translation>
    </message>
    <message>
        <source>Event gap max</source>
        <translation>最大事件间隔</translation>
    </message>
    <message>
        <source>The longest time between two consecutive events of one connection (exact).</source>
        <translation>同一连接中相邻两个事件之间的最长间隔（精确值）。</translation>
    </message>
    <message>
        <source>Select an attempt to see its response headers.</source>
        <translation>选择一次尝试以查看其响应头。</translation>
    </message>
    <message>
        <source>Attempt %1: waiting for the response.</source>
        <translation>第 %1 次尝试：正在等待响应。</translation>
    </message>
    <message>
        <source>Attempt %1: no response was received.</source>
        <translation>第 %1 次尝试：未收到响应。</translation>
    </message>
    <message>
        <source>Attempt %1: %2 from %3</source>
        <translation>第 %1 次尝试：%2，来自 %3</translation>
    </message>
</context>
<context>
    <name>StatsFormat</name>
    <message>
        <source>%1 ns</source>
        <translation>%1 ns</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 µs</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
</context>
<context>
    <name>StreamController</name>
    <message numerus="yes">
        <source>The oldest %n row(s) of this session were no longer in the tab (the retention limit or Clear removed them), so the export starts after them. Record the tab (Ctrl+R) to keep a whole session.</source>
        <translation>
            <numerusform>本次会话最早的 %n 行已不在标签页中（被保留上限或“清除”移除），因此导出从其后开始。录制该标签页（Ctrl+R）可保留完整会话。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StreamMenu</name>
    <message>
        <source>&amp;Stream</source>
        <translation>流(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Connect / Disconnect</source>
        <translation>连接/断开连接(&amp;C)</translation>
    </message>
    <message>
        <source>Edit the &amp;URL</source>
        <translation>编辑 URL(&amp;U)</translation>
    </message>
    <message>
        <source>Copy as c&amp;url Command</source>
        <translation>复制为 curl 命令(&amp;u)</translation>
    </message>
    <message>
        <source>A curl -N command for this request is on the clipboard</source>
        <translation>此请求的 curl -N 命令已复制到剪贴板</translation>
    </message>
    <message>
        <source>&amp;Record / Stop Recording</source>
        <translation>录制 / 停止录制(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Filter Rows</source>
        <translation>过滤行(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Pause / Resume Rows</source>
        <translation>暂停/继续添加行(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Follow Newest Row</source>
        <translation>跟随最新行(&amp;F)</translation>
    </message>
    <message>
        <source>C&amp;lear Rows</source>
        <translation>清空行(&amp;l)</translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation>事件(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Statistics</source>
        <translation>统计(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;LLM Reply</source>
        <translation>LLM 回复(&amp;L)</translation>
    </message>
</context>
<context>
    <name>StreamTab</name>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Connect to the stream, or end the running session (Ctrl+Return)</source>
        <translation>连接到流，或结束正在运行的会话（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>断开连接</translation>
    </message>
    <message>
        <source>The request cannot be sent</source>
        <translation>无法发送请求</translation>
    </message>
    <message>
        <source>%1 events · %2</source>
        <translation>%1 个事件 · %2</translation>
    </message>
    <message>
        <source>Opening was cancelled.</source>
        <translation>已取消打开。</translation>
    </message>
    <message>
        <source>Cannot replay the recording</source>
        <translation>无法回放录制文件</translation>
    </message>
    <message>
        <source>opening</source>
        <translation>正在打开</translation>
    </message>
</context>
<context>
    <name>TabExporter</name>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>text/event-stream (*.sse)</source>
        <translation>text/event-stream (*.sse)</translation>
    </message>
    <message>
        <source>Raw body bytes (*.raw)</source>
        <translation>原始响应体字节 (*.raw)</translation>
    </message>
    <message>
        <source>HAR 1.2 (*.har)</source>
        <translation>HAR 1.2 (*.har)</translation>
    </message>
    <message>
        <source>SSE Scope recordings (*.sserec)</source>
        <translation>SSE Scope 录制文件 (*.sserec)</translation>
    </message>
    <message>
        <source>Events as &amp;NDJSON…</source>
        <translation>NDJSON 格式的事件(&amp;N)…</translation>
    </message>
    <message>
        <source>Events as &amp;CSV…</source>
        <translation>CSV 格式的事件(&amp;C)…</translation>
    </message>
    <message>
        <source>Events as &amp;text/event-stream…</source>
        <translation>text/event-stream 格式的事件(&amp;T)…</translation>
    </message>
    <message>
        <source>Raw &amp;Body…</source>
        <translation>原始响应体(&amp;B)…</translation>
    </message>
    <message>
        <source>Session as &amp;HAR…</source>
        <translation>HAR 格式的会话(&amp;H)…</translation>
    </message>
    <message>
        <source>Session as &amp;Recording…</source>
        <translation>会话录制文件(&amp;R)…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>正在导出 %1…</translation>
    </message>
    <message>
        <source>The export was cancelled; nothing was written.</source>
        <translation>导出已取消；未写入任何内容。</translation>
    </message>
    <message>
        <source>This tab has no session to export yet: connect, or open a recording.</source>
        <translation>此标签页还没有可导出的会话：请先连接，或打开一个录制文件。</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>The import was cancelled.</source>
        <translation>导入已取消。</translation>
    </message>
    <message>
        <source>Cannot write %1: no temporary file could be made for it.</source>
        <translation>无法写入 %1：无法为其创建临时文件。</translation>
    </message>
    <message>
        <source>NDJSON, one record per line (*.ndjson)</source>
        <translation>NDJSON，每行一条记录 (*.ndjson)</translation>
    </message>
</context>
</TS>
