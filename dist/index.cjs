/******/ (() => { // webpackBootstrap
/******/ 	var __webpack_modules__ = ({

/***/ 796:
/***/ ((module) => {

// shims/README.md. Returning no agent makes http-client fall back to a plain one, which src/transport.ts's
// request handler replaces with its kept-alive tunnelling agent before any request is sent.
const none = () => undefined
module.exports = { httpOverHttp: none, httpsOverHttp: none, httpOverHttps: none, httpsOverHttps: none }


/***/ }),

/***/ 386:
/***/ ((module) => {

// @actions/http-client imports undici only for getAgentDispatcher(), which this action never calls (shims/README.md).
// Anything that does call it fails loudly here instead of silently going without a proxy.
class ProxyAgent {
  constructor() {
    throw new Error('undici is not bundled with this action: HttpClient.getAgentDispatcher() is not supported')
  }
}
module.exports = { ProxyAgent }


/***/ }),

/***/ 700:
/***/ ((__unused_webpack_module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

"use strict";

// NAMESPACE OBJECT: ./node_modules/@actions/core/lib/platform.js
var platform_namespaceObject = {};
__nccwpck_require__.r(platform_namespaceObject);
__nccwpck_require__.d(platform_namespaceObject, {
  arch: () => (arch),
  getDetails: () => (getDetails),
  isLinux: () => (isLinux),
  isMacOS: () => (isMacOS),
  isWindows: () => (isWindows),
  platform: () => (platform)
});

// NAMESPACE OBJECT: ./node_modules/@actions/core/lib/core.js
var core_namespaceObject = {};
__nccwpck_require__.r(core_namespaceObject);
__nccwpck_require__.d(core_namespaceObject, {
  ExitCode: () => (ExitCode),
  addPath: () => (addPath),
  debug: () => (debug),
  endGroup: () => (endGroup),
  error: () => (error),
  exportVariable: () => (exportVariable),
  getBooleanInput: () => (getBooleanInput),
  getIDToken: () => (getIDToken),
  getInput: () => (getInput),
  getMultilineInput: () => (getMultilineInput),
  getState: () => (getState),
  group: () => (group),
  info: () => (info),
  isDebug: () => (isDebug),
  markdownSummary: () => (markdownSummary),
  notice: () => (notice),
  platform: () => (platform_namespaceObject),
  saveState: () => (saveState),
  setCommandEcho: () => (setCommandEcho),
  setFailed: () => (setFailed),
  setOutput: () => (setOutput),
  setSecret: () => (setSecret),
  startGroup: () => (startGroup),
  summary: () => (summary),
  toPlatformPath: () => (toPlatformPath),
  toPosixPath: () => (toPosixPath),
  toWin32Path: () => (toWin32Path),
  warning: () => (warning)
});

;// CONCATENATED MODULE: external "os"
const external_os_namespaceObject = require("os");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_namespaceObject.EOL);
}
function issue(name, message = '') {
    issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
;// CONCATENATED MODULE: external "crypto"
const external_crypto_namespaceObject = require("crypto");
;// CONCATENATED MODULE: external "fs"
const external_fs_namespaceObject = require("fs");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_namespaceObject.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_namespaceObject.appendFileSync(filePath, `${toCommandValue(message)}${external_os_namespaceObject.EOL}`, {
        encoding: 'utf8'
    });
}
function prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_namespaceObject.randomUUID()}`;
    const convertedValue = toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_namespaceObject.EOL}${convertedValue}${external_os_namespaceObject.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = require("path");
;// CONCATENATED MODULE: external "http"
const external_http_namespaceObject = require("http");
var external_http_namespaceObject_0 = /*#__PURE__*/__nccwpck_require__.t(external_http_namespaceObject, 2);
;// CONCATENATED MODULE: external "https"
const external_https_namespaceObject = require("https");
var external_https_namespaceObject_0 = /*#__PURE__*/__nccwpck_require__.t(external_https_namespaceObject, 2);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/proxy.js
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map
// EXTERNAL MODULE: ./shims/tunnel/index.js
var tunnel = __nccwpck_require__(796);
// EXTERNAL MODULE: ./shims/undici/index.js
var undici = __nccwpck_require__(386);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/index.js
/* eslint-disable @typescript-eslint/no-explicit-any */
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};





var HttpCodes;
(function (HttpCodes) {
    HttpCodes[HttpCodes["OK"] = 200] = "OK";
    HttpCodes[HttpCodes["MultipleChoices"] = 300] = "MultipleChoices";
    HttpCodes[HttpCodes["MovedPermanently"] = 301] = "MovedPermanently";
    HttpCodes[HttpCodes["ResourceMoved"] = 302] = "ResourceMoved";
    HttpCodes[HttpCodes["SeeOther"] = 303] = "SeeOther";
    HttpCodes[HttpCodes["NotModified"] = 304] = "NotModified";
    HttpCodes[HttpCodes["UseProxy"] = 305] = "UseProxy";
    HttpCodes[HttpCodes["SwitchProxy"] = 306] = "SwitchProxy";
    HttpCodes[HttpCodes["TemporaryRedirect"] = 307] = "TemporaryRedirect";
    HttpCodes[HttpCodes["PermanentRedirect"] = 308] = "PermanentRedirect";
    HttpCodes[HttpCodes["BadRequest"] = 400] = "BadRequest";
    HttpCodes[HttpCodes["Unauthorized"] = 401] = "Unauthorized";
    HttpCodes[HttpCodes["PaymentRequired"] = 402] = "PaymentRequired";
    HttpCodes[HttpCodes["Forbidden"] = 403] = "Forbidden";
    HttpCodes[HttpCodes["NotFound"] = 404] = "NotFound";
    HttpCodes[HttpCodes["MethodNotAllowed"] = 405] = "MethodNotAllowed";
    HttpCodes[HttpCodes["NotAcceptable"] = 406] = "NotAcceptable";
    HttpCodes[HttpCodes["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
    HttpCodes[HttpCodes["RequestTimeout"] = 408] = "RequestTimeout";
    HttpCodes[HttpCodes["Conflict"] = 409] = "Conflict";
    HttpCodes[HttpCodes["Gone"] = 410] = "Gone";
    HttpCodes[HttpCodes["TooManyRequests"] = 429] = "TooManyRequests";
    HttpCodes[HttpCodes["InternalServerError"] = 500] = "InternalServerError";
    HttpCodes[HttpCodes["NotImplemented"] = 501] = "NotImplemented";
    HttpCodes[HttpCodes["BadGateway"] = 502] = "BadGateway";
    HttpCodes[HttpCodes["ServiceUnavailable"] = 503] = "ServiceUnavailable";
    HttpCodes[HttpCodes["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function (Headers) {
    Headers["Accept"] = "accept";
    Headers["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function (MediaTypes) {
    MediaTypes["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
/**
 * Returns the proxy URL, depending upon the supplied url and proxy environment variables.
 * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
 */
function lib_getProxyUrl(serverUrl) {
    const proxyUrl = pm.getProxyUrl(new URL(serverUrl));
    return proxyUrl ? proxyUrl.href : '';
}
const HttpRedirectCodes = [
    HttpCodes.MovedPermanently,
    HttpCodes.ResourceMoved,
    HttpCodes.SeeOther,
    HttpCodes.TemporaryRedirect,
    HttpCodes.PermanentRedirect
];
const HttpResponseRetryCodes = [
    HttpCodes.BadGateway,
    HttpCodes.ServiceUnavailable,
    HttpCodes.GatewayTimeout
];
const RetryableHttpVerbs = ['OPTIONS', 'GET', 'DELETE', 'HEAD'];
const ExponentialBackoffCeiling = 10;
const ExponentialBackoffTimeSlice = 5;
class HttpClientError extends Error {
    constructor(message, statusCode) {
        super(message);
        this.name = 'HttpClientError';
        this.statusCode = statusCode;
        Object.setPrototypeOf(this, HttpClientError.prototype);
    }
}
class HttpClientResponse {
    constructor(message) {
        this.message = message;
    }
    readBody() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                let output = Buffer.alloc(0);
                this.message.on('data', (chunk) => {
                    output = Buffer.concat([output, chunk]);
                });
                this.message.on('end', () => {
                    resolve(output.toString());
                });
            }));
        });
    }
    readBodyBuffer() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                const chunks = [];
                this.message.on('data', (chunk) => {
                    chunks.push(chunk);
                });
                this.message.on('end', () => {
                    resolve(Buffer.concat(chunks));
                });
            }));
        });
    }
}
function isHttps(requestUrl) {
    const parsedUrl = new URL(requestUrl);
    return parsedUrl.protocol === 'https:';
}
class HttpClient {
    constructor(userAgent, handlers, requestOptions) {
        this._ignoreSslError = false;
        this._allowRedirects = true;
        this._allowRedirectDowngrade = false;
        this._maxRedirects = 50;
        this._allowRetries = false;
        this._maxRetries = 1;
        this._keepAlive = false;
        this._disposed = false;
        this.userAgent = this._getUserAgentWithOrchestrationId(userAgent);
        this.handlers = handlers || [];
        this.requestOptions = requestOptions;
        if (requestOptions) {
            if (requestOptions.ignoreSslError != null) {
                this._ignoreSslError = requestOptions.ignoreSslError;
            }
            this._socketTimeout = requestOptions.socketTimeout;
            if (requestOptions.allowRedirects != null) {
                this._allowRedirects = requestOptions.allowRedirects;
            }
            if (requestOptions.allowRedirectDowngrade != null) {
                this._allowRedirectDowngrade = requestOptions.allowRedirectDowngrade;
            }
            if (requestOptions.maxRedirects != null) {
                this._maxRedirects = Math.max(requestOptions.maxRedirects, 0);
            }
            if (requestOptions.keepAlive != null) {
                this._keepAlive = requestOptions.keepAlive;
            }
            if (requestOptions.allowRetries != null) {
                this._allowRetries = requestOptions.allowRetries;
            }
            if (requestOptions.maxRetries != null) {
                this._maxRetries = requestOptions.maxRetries;
            }
        }
    }
    options(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('OPTIONS', requestUrl, null, additionalHeaders || {});
        });
    }
    get(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('GET', requestUrl, null, additionalHeaders || {});
        });
    }
    del(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('DELETE', requestUrl, null, additionalHeaders || {});
        });
    }
    post(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('POST', requestUrl, data, additionalHeaders || {});
        });
    }
    patch(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PATCH', requestUrl, data, additionalHeaders || {});
        });
    }
    put(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PUT', requestUrl, data, additionalHeaders || {});
        });
    }
    head(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('HEAD', requestUrl, null, additionalHeaders || {});
        });
    }
    sendStream(verb, requestUrl, stream, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request(verb, requestUrl, stream, additionalHeaders);
        });
    }
    /**
     * Gets a typed object from an endpoint
     * Be aware that not found returns a null.  Other errors (4xx, 5xx) reject the promise
     */
    getJson(requestUrl_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, additionalHeaders = {}) {
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            const res = yield this.get(requestUrl, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    postJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.post(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    putJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.put(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    patchJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.patch(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    /**
     * Makes a raw http request.
     * All other methods such as get, post, patch, and request ultimately call this.
     * Prefer get, del, post and patch
     */
    request(verb, requestUrl, data, headers) {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._disposed) {
                throw new Error('Client has already been disposed.');
            }
            const parsedUrl = new URL(requestUrl);
            let info = this._prepareRequest(verb, parsedUrl, headers);
            // Only perform retries on reads since writes may not be idempotent.
            const maxTries = this._allowRetries && RetryableHttpVerbs.includes(verb)
                ? this._maxRetries + 1
                : 1;
            let numTries = 0;
            let response;
            do {
                response = yield this.requestRaw(info, data);
                // Check if it's an authentication challenge
                if (response &&
                    response.message &&
                    response.message.statusCode === HttpCodes.Unauthorized) {
                    let authenticationHandler;
                    for (const handler of this.handlers) {
                        if (handler.canHandleAuthentication(response)) {
                            authenticationHandler = handler;
                            break;
                        }
                    }
                    if (authenticationHandler) {
                        return authenticationHandler.handleAuthentication(this, info, data);
                    }
                    else {
                        // We have received an unauthorized response but have no handlers to handle it.
                        // Let the response return to the caller.
                        return response;
                    }
                }
                let redirectsRemaining = this._maxRedirects;
                while (response.message.statusCode &&
                    HttpRedirectCodes.includes(response.message.statusCode) &&
                    this._allowRedirects &&
                    redirectsRemaining > 0) {
                    const redirectUrl = response.message.headers['location'];
                    if (!redirectUrl) {
                        // if there's no location to redirect to, we won't
                        break;
                    }
                    const parsedRedirectUrl = new URL(redirectUrl);
                    if (parsedUrl.protocol === 'https:' &&
                        parsedUrl.protocol !== parsedRedirectUrl.protocol &&
                        !this._allowRedirectDowngrade) {
                        throw new Error('Redirect from HTTPS to HTTP protocol. This downgrade is not allowed for security reasons. If you want to allow this behavior, set the allowRedirectDowngrade option to true.');
                    }
                    // we need to finish reading the response before reassigning response
                    // which will leak the open socket.
                    yield response.readBody();
                    // strip authorization header if redirected to a different hostname
                    if (parsedRedirectUrl.hostname !== parsedUrl.hostname) {
                        for (const header in headers) {
                            // header names are case insensitive
                            if (header.toLowerCase() === 'authorization') {
                                delete headers[header];
                            }
                        }
                    }
                    // let's make the request with the new redirectUrl
                    info = this._prepareRequest(verb, parsedRedirectUrl, headers);
                    response = yield this.requestRaw(info, data);
                    redirectsRemaining--;
                }
                if (!response.message.statusCode ||
                    !HttpResponseRetryCodes.includes(response.message.statusCode)) {
                    // If not a retry code, return immediately instead of retrying
                    return response;
                }
                numTries += 1;
                if (numTries < maxTries) {
                    yield response.readBody();
                    yield this._performExponentialBackoff(numTries);
                }
            } while (numTries < maxTries);
            return response;
        });
    }
    /**
     * Needs to be called if keepAlive is set to true in request options.
     */
    dispose() {
        if (this._agent) {
            this._agent.destroy();
        }
        this._disposed = true;
    }
    /**
     * Raw request.
     * @param info
     * @param data
     */
    requestRaw(info, data) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => {
                function callbackForResult(err, res) {
                    if (err) {
                        reject(err);
                    }
                    else if (!res) {
                        // If `err` is not passed, then `res` must be passed.
                        reject(new Error('Unknown error'));
                    }
                    else {
                        resolve(res);
                    }
                }
                this.requestRawWithCallback(info, data, callbackForResult);
            });
        });
    }
    /**
     * Raw request with callback.
     * @param info
     * @param data
     * @param onResult
     */
    requestRawWithCallback(info, data, onResult) {
        if (typeof data === 'string') {
            if (!info.options.headers) {
                info.options.headers = {};
            }
            info.options.headers['Content-Length'] = Buffer.byteLength(data, 'utf8');
        }
        let callbackCalled = false;
        function handleResult(err, res) {
            if (!callbackCalled) {
                callbackCalled = true;
                onResult(err, res);
            }
        }
        const req = info.httpModule.request(info.options, (msg) => {
            const res = new HttpClientResponse(msg);
            handleResult(undefined, res);
        });
        let socket;
        req.on('socket', sock => {
            socket = sock;
        });
        // If we ever get disconnected, we want the socket to timeout eventually
        req.setTimeout(this._socketTimeout || 3 * 60000, () => {
            if (socket) {
                socket.end();
            }
            handleResult(new Error(`Request timeout: ${info.options.path}`));
        });
        req.on('error', function (err) {
            // err has statusCode property
            // res should have headers
            handleResult(err);
        });
        if (data && typeof data === 'string') {
            req.write(data, 'utf8');
        }
        if (data && typeof data !== 'string') {
            data.on('close', function () {
                req.end();
            });
            data.pipe(req);
        }
        else {
            req.end();
        }
    }
    /**
     * Gets an http agent. This function is useful when you need an http agent that handles
     * routing through a proxy server - depending upon the url and proxy environment variables.
     * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
     */
    getAgent(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        return this._getAgent(parsedUrl);
    }
    getAgentDispatcher(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (!useProxy) {
            return;
        }
        return this._getProxyAgentDispatcher(parsedUrl, proxyUrl);
    }
    _prepareRequest(method, requestUrl, headers) {
        const info = {};
        info.parsedUrl = requestUrl;
        const usingSsl = info.parsedUrl.protocol === 'https:';
        info.httpModule = usingSsl ? external_https_namespaceObject_0 : external_http_namespaceObject_0;
        const defaultPort = usingSsl ? 443 : 80;
        info.options = {};
        info.options.host = info.parsedUrl.hostname;
        info.options.port = info.parsedUrl.port
            ? parseInt(info.parsedUrl.port)
            : defaultPort;
        info.options.path =
            (info.parsedUrl.pathname || '') + (info.parsedUrl.search || '');
        info.options.method = method;
        info.options.headers = this._mergeHeaders(headers);
        if (this.userAgent != null) {
            info.options.headers['user-agent'] = this.userAgent;
        }
        info.options.agent = this._getAgent(info.parsedUrl);
        // gives handlers an opportunity to participate
        if (this.handlers) {
            for (const handler of this.handlers) {
                handler.prepareRequest(info.options);
            }
        }
        return info;
    }
    _mergeHeaders(headers) {
        if (this.requestOptions && this.requestOptions.headers) {
            return Object.assign({}, lowercaseKeys(this.requestOptions.headers), lowercaseKeys(headers || {}));
        }
        return lowercaseKeys(headers || {});
    }
    /**
     * Gets an existing header value or returns a default.
     * Handles converting number header values to strings since HTTP headers must be strings.
     * Note: This returns string | string[] since some headers can have multiple values.
     * For headers that must always be a single string (like Content-Type), use the
     * specialized _getExistingOrDefaultContentTypeHeader method instead.
     */
    _getExistingOrDefaultHeader(additionalHeaders, header, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[header];
            if (headerValue) {
                clientHeader =
                    typeof headerValue === 'number' ? headerValue.toString() : headerValue;
            }
        }
        const additionalValue = additionalHeaders[header];
        if (additionalValue !== undefined) {
            return typeof additionalValue === 'number'
                ? additionalValue.toString()
                : additionalValue;
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    /**
     * Specialized version of _getExistingOrDefaultHeader for Content-Type header.
     * Always returns a single string (not an array) since Content-Type should be a single value.
     * Converts arrays to comma-separated strings and numbers to strings to ensure type safety.
     * This was split from _getExistingOrDefaultHeader to provide stricter typing for callers
     * that assign the result to places expecting a string (e.g., additionalHeaders[Headers.ContentType]).
     */
    _getExistingOrDefaultContentTypeHeader(additionalHeaders, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[Headers.ContentType];
            if (headerValue) {
                if (typeof headerValue === 'number') {
                    clientHeader = String(headerValue);
                }
                else if (Array.isArray(headerValue)) {
                    clientHeader = headerValue.join(', ');
                }
                else {
                    clientHeader = headerValue;
                }
            }
        }
        const additionalValue = additionalHeaders[Headers.ContentType];
        // Return the first non-undefined value, converting numbers or arrays to strings if necessary
        if (additionalValue !== undefined) {
            if (typeof additionalValue === 'number') {
                return String(additionalValue);
            }
            else if (Array.isArray(additionalValue)) {
                return additionalValue.join(', ');
            }
            else {
                return additionalValue;
            }
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    _getAgent(parsedUrl) {
        let agent;
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (this._keepAlive && useProxy) {
            agent = this._proxyAgent;
        }
        if (!useProxy) {
            agent = this._agent;
        }
        // if agent is already assigned use that agent.
        if (agent) {
            return agent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        let maxSockets = 100;
        if (this.requestOptions) {
            maxSockets = this.requestOptions.maxSockets || external_http_namespaceObject.globalAgent.maxSockets;
        }
        // This is `useProxy` again, but we need to check `proxyURl` directly for TypeScripts's flow analysis.
        if (proxyUrl && proxyUrl.hostname) {
            const agentOptions = {
                maxSockets,
                keepAlive: this._keepAlive,
                proxy: Object.assign(Object.assign({}, ((proxyUrl.username || proxyUrl.password) && {
                    proxyAuth: `${proxyUrl.username}:${proxyUrl.password}`
                })), { host: proxyUrl.hostname, port: proxyUrl.port })
            };
            let tunnelAgent;
            const overHttps = proxyUrl.protocol === 'https:';
            if (usingSsl) {
                tunnelAgent = overHttps ? tunnel.httpsOverHttps : tunnel.httpsOverHttp;
            }
            else {
                tunnelAgent = overHttps ? tunnel.httpOverHttps : tunnel.httpOverHttp;
            }
            agent = tunnelAgent(agentOptions);
            this._proxyAgent = agent;
        }
        // if tunneling agent isn't assigned create a new agent
        if (!agent) {
            const options = { keepAlive: this._keepAlive, maxSockets };
            agent = usingSsl ? new external_https_namespaceObject.Agent(options) : new external_http_namespaceObject.Agent(options);
            this._agent = agent;
        }
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            agent.options = Object.assign(agent.options || {}, {
                rejectUnauthorized: false
            });
        }
        return agent;
    }
    _getProxyAgentDispatcher(parsedUrl, proxyUrl) {
        let proxyAgent;
        if (this._keepAlive) {
            proxyAgent = this._proxyAgentDispatcher;
        }
        // if agent is already assigned use that agent.
        if (proxyAgent) {
            return proxyAgent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        proxyAgent = new undici.ProxyAgent(Object.assign({ uri: proxyUrl.href, pipelining: !this._keepAlive ? 0 : 1 }, ((proxyUrl.username || proxyUrl.password) && {
            token: `Basic ${Buffer.from(`${proxyUrl.username}:${proxyUrl.password}`).toString('base64')}`
        })));
        this._proxyAgentDispatcher = proxyAgent;
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            proxyAgent.options = Object.assign(proxyAgent.options.requestTls || {}, {
                rejectUnauthorized: false
            });
        }
        return proxyAgent;
    }
    _getUserAgentWithOrchestrationId(userAgent) {
        const baseUserAgent = userAgent || 'actions/http-client';
        const orchId = process.env['ACTIONS_ORCHESTRATION_ID'];
        if (orchId) {
            // Sanitize the orchestration ID to ensure it contains only valid characters
            // Valid characters: 0-9, a-z, _, -, .
            const sanitizedId = orchId.replace(/[^a-z0-9_.-]/gi, '_');
            return `${baseUserAgent} actions_orchestration_id/${sanitizedId}`;
        }
        return baseUserAgent;
    }
    _performExponentialBackoff(retryNumber) {
        return __awaiter(this, void 0, void 0, function* () {
            retryNumber = Math.min(ExponentialBackoffCeiling, retryNumber);
            const ms = ExponentialBackoffTimeSlice * Math.pow(2, retryNumber);
            return new Promise(resolve => setTimeout(() => resolve(), ms));
        });
    }
    _processResponse(res, options) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => __awaiter(this, void 0, void 0, function* () {
                const statusCode = res.message.statusCode || 0;
                const response = {
                    statusCode,
                    result: null,
                    headers: {}
                };
                // not found leads to null obj returned
                if (statusCode === HttpCodes.NotFound) {
                    resolve(response);
                }
                // get the result from the body
                function dateTimeDeserializer(key, value) {
                    if (typeof value === 'string') {
                        const a = new Date(value);
                        if (!isNaN(a.valueOf())) {
                            return a;
                        }
                    }
                    return value;
                }
                let obj;
                let contents;
                try {
                    contents = yield res.readBody();
                    if (contents && contents.length > 0) {
                        if (options && options.deserializeDates) {
                            obj = JSON.parse(contents, dateTimeDeserializer);
                        }
                        else {
                            obj = JSON.parse(contents);
                        }
                        response.result = obj;
                    }
                    response.headers = res.message.headers;
                }
                catch (err) {
                    // Invalid resource (contents not json);  leaving result obj null
                }
                // note that 3xx redirects are handled by the http layer.
                if (statusCode > 299) {
                    let msg;
                    // if exception/error in body, attempt to get better error
                    if (obj && obj.message) {
                        msg = obj.message;
                    }
                    else if (contents && contents.length > 0) {
                        // it may be the case that the exception is in the body message as string
                        msg = contents;
                    }
                    else {
                        msg = `Failed request: (${statusCode})`;
                    }
                    const err = new HttpClientError(msg, statusCode);
                    err.result = response.result;
                    reject(err);
                }
                else {
                    resolve(response);
                }
            }));
        });
    }
}
const lowercaseKeys = (obj) => Object.keys(obj).reduce((c, k) => ((c[k.toLowerCase()] = obj[k]), c), {});
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/auth.js
var auth_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
class BasicCredentialHandler {
    constructor(username, password) {
        this.username = username;
        this.password = password;
    }
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class BearerCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Bearer ${this.token}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class PersonalAccessTokenCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`PAT:${this.token}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
//# sourceMappingURL=auth.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var oidc_utils_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



class OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new HttpClient('actions/oidc-client', [new BearerCredentialHandler(OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            var _a;
            const httpclient = OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}
//# sourceMappingURL=oidc-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var summary_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_namespaceObject.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return summary_awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_namespaceObject.constants.R_OK | external_fs_namespaceObject.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return summary_awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return summary_awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_namespaceObject.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = _summary;
const summary = _summary;
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, external_path_namespaceObject.sep);
}
//# sourceMappingURL=path-utils.js.map
;// CONCATENATED MODULE: ./shims/actions-exec/index.js
// @actions/core imports @actions/exec only for core.platform, which this action never reads (shims/README.md).
// Anything that does call it fails loudly here.
const notBundled = () => {
  throw new Error('@actions/exec is not bundled with this action: core.platform is not supported')
}
const exec = (/* unused pure expression or super */ null && (notBundled))
const getExecOutput = notBundled

;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_namespaceObject.platform();
const arch = external_os_namespaceObject.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${external_path_namespaceObject.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_namespaceObject.EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function debug(message) {
    issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    issueCommand('error', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    issueCommand('warning', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_namespaceObject.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map
;// CONCATENATED MODULE: external "node:timers/promises"
const promises_namespaceObject = require("node:timers/promises");
;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = require("node:http");
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_namespaceObject);
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = require("node:https");
var external_node_https_default = /*#__PURE__*/__nccwpck_require__.n(external_node_https_namespaceObject);
;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = require("node:net");
;// CONCATENATED MODULE: external "node:tls"
const external_node_tls_namespaceObject = require("node:tls");
var external_node_tls_default = /*#__PURE__*/__nccwpck_require__.n(external_node_tls_namespaceObject);
;// CONCATENATED MODULE: ./src/feishu/route.ts
// Which way requests reach the API, and why: through the proxy of an environment variable, or direct. The rules are
// @actions/http-client's own (it still decides for every request), but a setting that cannot be used is an error that
// names its variable, where http-client would quietly go direct or fail with something unrelated.

/** A proxy variable is set to something that cannot be used: a setting of the workflow, like a bad input. */
class ProxySettingError extends Error {
    variable;
    problem;
    name = 'ProxySettingError';
    constructor(variable, problem) {
        super(`${variable} cannot be used (${problem.kind})`);
        this.variable = variable;
        this.problem = problem;
    }
}
/**
 * The route for requests to `baseUrl`, and the proxy URL when there is one (from process.env, as http-client reads
 * it: the lowercase variable first, NO_PROXY, loopback always direct). Throws a ProxySettingError for a proxy that
 * cannot be used.
 */
function routeFor(baseUrl) {
    const names = baseUrl.startsWith('https:') ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY'];
    const variable = names.find(name => process.env[name]);
    if (variable === undefined) {
        const other = (baseUrl.startsWith('https:') ? ['http_proxy', 'HTTP_PROXY'] : ['https_proxy', 'HTTPS_PROXY']).find(name => process.env[name]);
        return { route: { via: 'direct', why: 'no-proxy-variable', variable: names[1], ...(other && { other }) } };
    }
    const target = new URL(baseUrl);
    // http-client decides; bypassEntry only names the entry that made it decide so.
    if (checkBypass(target)) {
        const matched = bypassEntry(target);
        return {
            route: matched ? { via: 'direct', why: 'no-proxy', variable, ...matched } : { via: 'direct', why: 'loopback', variable }
        };
    }
    const parsed = parseProxy(process.env[variable]);
    if (!(parsed instanceof URL))
        throw new ProxySettingError(variable, parsed);
    return { route: { via: 'proxy', proxy: { host: parsed.host, variable } }, url: parsed };
}
/**
 * The NO_PROXY entry that sends `target` direct, matched as http-client's checkBypass matches (`*`, the host, the
 * host:port, a domain suffix), or undefined for a loopback host, which is direct whatever NO_PROXY says.
 */
function bypassEntry(target) {
    const host = target.hostname.toUpperCase();
    if (/^(LOCALHOST|127\.|\[::1\]|\[0:0:0:0:0:0:0:1\])/.test(host))
        return undefined;
    const list = process.env.no_proxy ? 'no_proxy' : 'NO_PROXY';
    const port = target.port || (target.protocol === 'https:' ? '443' : '80');
    const hosts = [host, `${host}:${port}`];
    const entry = (process.env[list] ?? '')
        .split(',')
        .map(item => item.trim())
        .find(item => {
        const upper = item.toUpperCase();
        return (upper !== '' &&
            (upper === '*' || hosts.some(h => h === upper || h.endsWith(`.${upper}`) || (upper.startsWith('.') && h.endsWith(upper)))));
    });
    return entry === undefined ? undefined : { list, entry };
}
/** The proxy URL (http:// when no scheme is given, as curl does), or what is wrong with it. */
function parseProxy(value) {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
    let url;
    try {
        url = new URL(withScheme);
    }
    catch {
        const port = /:(\d+)\/?$/.exec(withScheme.replace(/^[^@]*@/, ''));
        return port && Number(port[1]) > 65535 ? { kind: 'port-out-of-range', port: port[1] } : { kind: 'not-url' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return { kind: 'scheme', scheme: url.protocol.slice(0, 20) };
    if (url.hostname === '')
        return { kind: 'no-host' };
    if (url.port === '0')
        return { kind: 'port-out-of-range', port: '0' };
    try {
        decodeURIComponent(url.username);
        decodeURIComponent(url.password);
    }
    catch {
        return { kind: 'bad-escape' };
    }
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '')
        return { kind: 'has-path' };
    return url;
}

;// CONCATENATED MODULE: ./src/feishu/transport.ts
// How requests reach the API: one kept-alive connection, direct or through one kept-alive CONNECT tunnel of an
// HTTP(S) proxy, on the networks our users are on (cross-border links that stall, corporate proxies). Which way they
// go, and why: route.ts.
//
// @actions/http-client still sends every request and decides, by its own rules (HTTPS_PROXY, NO_PROXY, loopback
// always direct), whether a proxy is used. Its own proxy agent (`tunnel`) opens a new tunnel per request, so a
// request handler swaps in the agent below, which keeps its tunnel alive. It is ours, not a library's: the one
// well-kept candidate, https-proxy-agent, still opened a tunnel per request and added 25-32 ms to start-up
// (bench/tunnel.ts), an agent we own is one whose in-flight sockets we can destroy, and Node's own proxy support
// is missing from the Node 24 of the oldest supported runner (shims/README.md).






/** The proxy answered CONNECT with a status other than 200. */
class ProxyRefused extends Error {
    status;
    name = 'ProxyRefused';
    constructor(status) {
        super(`The proxy answered ${status} to CONNECT`);
        this.status = status;
    }
}
/** The proxy could not be reached, or the CONNECT exchange with it failed (`cause`: Node's error, with its code). */
class ProxyUnreachable extends Error {
    cause;
    name = 'ProxyUnreachable';
    constructor(cause) {
        super('The proxy could not open a tunnel');
        this.cause = cause;
    }
}
const USER_AGENT = 'feishu-tenant-token-action';
/**
 * What the agent learns of the request it connects: set on the request's options, which Node hands on to
 * `createConnection`. Its signal drops the request and its connection; `opening` holds the CONNECT requests opening
 * a tunnel for it.
 */
const ATTEMPT = Symbol('attempt');
/** HTTPS through a CONNECT tunnel that stays open for the next request (what `tunnel` does not do). */
class TunnelAgent extends (external_node_https_default()).Agent {
    #proxy;
    #opening = new Set();
    constructor(proxy) {
        super({ keepAlive: true });
        this.#proxy = proxy;
    }
    // Node's Agent calls this for each new connection, and waits for the callback when nothing is returned.
    createConnection(options, callback) {
        const host = options.host ?? 'localhost';
        const authority = `${(0,external_node_net_namespaceObject.isIPv6)(host) ? `[${host}]` : host}:${options.port ?? 443}`;
        const proxy = this.#proxy;
        const { username, password } = proxy;
        const request = (proxy.protocol === 'https:' ? (external_node_https_default()) : (external_node_http_default())).request({
            host: proxy.hostname.replace(/^\[|\]$/g, ''),
            port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
            method: 'CONNECT',
            path: authority,
            agent: false,
            headers: {
                host: authority,
                ...((username || password) && {
                    'proxy-authorization': `Basic ${Buffer.from(`${decodeURIComponent(username)}:${decodeURIComponent(password)}`).toString('base64')}`
                })
            }
        });
        const attempt = options[ATTEMPT];
        this.#opening.add(request);
        attempt?.opening.add(request);
        let settled = false;
        const settle = (error, socket) => {
            this.#opening.delete(request);
            attempt?.opening.delete(request);
            if (settled)
                return;
            settled = true;
            callback(error, socket);
        };
        request.once('connect', (response, socket) => {
            if (response.statusCode !== 200) {
                socket.destroy();
                return settle(new ProxyRefused(response.statusCode ?? 0));
            }
            settle(null, external_node_tls_default().connect({ ...options, socket }));
        });
        request.once('error', error => settle(new ProxyUnreachable(error)));
        request.once('close', () => settle(new ProxyUnreachable(Object.assign(new Error('The proxy closed the connection before the tunnel was open'), { code: 'ECONNRESET' }))));
        request.end();
        return undefined;
    }
    /** Closes every connection and every tunnel being opened. */
    close() {
        for (const request of this.#opening)
            request.destroy();
        this.destroy();
    }
}
/**
 * The HTTP client of a run, for requests to `baseUrl` (which every request of a run goes to). Throws a
 * ProxySettingError for a proxy variable that cannot be used.
 */
function openTransport(baseUrl) {
    const { route, url: proxyUrl } = routeFor(baseUrl);
    const agent = proxyUrl ? new TunnelAgent(proxyUrl) : new (baseUrl.startsWith('https:') ? (external_node_https_default()) : (external_node_http_default())).Agent({ keepAlive: true });
    // http-client builds a request's options and hands them to Node within its own synchronous start, so the attempt
    // being started is the one its handler sees.
    let starting;
    const client = new HttpClient(USER_AGENT, [
        {
            prepareRequest(options) {
                options.agent = agent;
                // http-client passes an IPv6 literal with its brackets, which Node would look up as a host name.
                if (options.host?.startsWith('['))
                    options.host = options.host.slice(1, -1);
                if (starting)
                    Object.assign(options, { signal: starting.controller.signal, [ATTEMPT]: starting });
            },
            canHandleAuthentication: () => false,
            handleAuthentication: () => Promise.reject(new Error('not supported'))
        }
    ], 
    // Redirects are errors (the secret must not reach another host) and retries are ours, with a deadline.
    { keepAlive: true, allowRedirects: false, allowRetries: false });
    const request = (verb, url, data, headers) => {
        const attempt = { controller: new AbortController(), opening: new Set() };
        starting = attempt;
        let answer;
        try {
            answer = client.request(verb, url, data, headers);
        }
        finally {
            starting = undefined;
        }
        return {
            answer,
            abandon: () => {
                const openingTunnel = attempt.opening.size > 0;
                for (const connect of attempt.opening)
                    connect.destroy();
                attempt.controller.abort();
                return { openingTunnel };
            }
        };
    };
    return {
        http: { request },
        route,
        dispose: () => {
            if (agent instanceof TunnelAgent)
                agent.close();
            else
                agent.destroy();
            client.dispose();
        }
    };
}

;// CONCATENATED MODULE: ./src/deps.ts
// The real collaborators (core, the transport, the clock, sleep and jitter), which src/action.ts wires into run.


function realDeps(core) {
    return {
        core,
        openTransport: openTransport,
        now: Date.now,
        sleep: ms => (0,promises_namespaceObject.setTimeout)(ms),
        random: Math.random,
        onRunner: process.env.GITHUB_ACTIONS === 'true'
    };
}

;// CONCATENATED MODULE: ./src/inputs/error.ts
/**
 * A bad setting of the workflow (an input, or a proxy variable of the job): the message names it and says how to fix
 * it. No request has been sent.
 */
class InputError extends Error {
    known;
    closing;
    name = 'InputError';
    /**
     * `closing`: the message's last line when it is said once for all its lines (what a line may hold), kept when
     * the lines before it are cut to the first ones.
     */
    constructor(message, known = {}, closing) {
        super(message);
        this.known = known;
        this.closing = closing;
    }
}

;// CONCATENATED MODULE: ./src/feishu/region.ts
// Feishu and Lark are one platform on two isolated infrastructures: an app, its
// credentials and its tokens belong to one of them only.
const REGIONS = {
    feishu: { name: 'feishu', label: 'Feishu', baseUrl: 'https://open.feishu.cn' },
    lark: { name: 'lark', label: 'Lark', baseUrl: 'https://open.larksuite.com' }
};
const REGION_NAMES = Object.keys(REGIONS);
function endpointFor(region, baseUrl) {
    if (baseUrl === undefined)
        return { baseUrl: REGIONS[region].baseUrl, region };
    const known = REGION_NAMES.find(name => REGIONS[name].baseUrl === baseUrl);
    return known ? { baseUrl, region: known } : { baseUrl };
}
function describeEndpoint(endpoint) {
    return endpoint.region ? `${REGIONS[endpoint.region].label} (${endpoint.baseUrl})` : endpoint.baseUrl;
}
function otherRegion(region) {
    return REGIONS[region === 'feishu' ? 'lark' : 'feishu'];
}
/** The developer console lives on the API host for both regions (and on a private deployment's). */
function appConsoleUrl(endpoint, appId) {
    return `${endpoint.baseUrl}/app/${encodeURIComponent(appId)}`;
}
/** One click opens the app's permission page with the scopes pre-searched. */
function grantLink(endpoint, appId, scopes) {
    return `${appConsoleUrl(endpoint, appId)}/auth?q=${scopes.join(',')}&op_from=openapi&token_type=tenant`;
}

;// CONCATENATED MODULE: ./src/output/limits.ts
// GitHub's limits on what a step writes (docs/feishu.md, "GitHub's limits"). Whatever a server sends, what the
// action writes stays inside them: lists shown are cut to their first rows, outputs share a budget.
/** The most rows of one list that the job summary or an annotation shows; the rest are counted ("and N more"). */
const SHOWN_ROWS = 100;
/**
 * All step outputs of a job share 1 MiB. The action keeps its own to half of that, so that the other steps of the
 * job keep room for theirs, counted as `outputSize` counts.
 */
const OUTPUTS_BUDGET_BYTES = 512 * 1024;
/**
 * The size of an output as the limit may count it: its UTF-8 bytes, or its UTF-16 bytes (2 per code unit, how
 * the runner holds strings: a public measurement saw a job fail between 520,000 and 530,000 one-byte characters),
 * whichever is more. So the budget holds counted either way: 262,144 ASCII characters, or 174,762 Chinese ones.
 */
function outputSize(text) {
    return Math.max(Buffer.byteLength(text, 'utf8'), 2 * text.length);
}
/** The first `max` items, and how many were left out. */
function firstRows(items, max = SHOWN_ROWS) {
    return { rows: items.slice(0, max), more: Math.max(0, items.length - max) };
}
/**
 * JSON arrays of names that fit `budgetBytes` together (as outputSize counts). A list that fits its share is whole; what it leaves is
 * shared by the larger ones, each of which keeps as many of its first names as fit (the lists are sorted).
 */
function fitLists(lists, budgetBytes) {
    const bySize = Object.entries(lists)
        .map(([name, list]) => ({ name, list, size: outputSize(JSON.stringify(list)) }))
        .sort((a, b) => a.size - b.size);
    const values = {};
    const cut = [];
    let left = budgetBytes;
    bySize.forEach(({ name, list, size }, index) => {
        const share = Math.floor(left / (bySize.length - index));
        if (size <= share) {
            values[name] = JSON.stringify(list);
            left -= size;
            return;
        }
        // '[' and ']', then each name and its comma (both counted as outputSize counts them).
        let used = outputSize('[]');
        let kept = 0;
        const cost = (item, index) => outputSize(JSON.stringify(item)) + (index > 0 ? outputSize(',') : 0);
        while (kept < list.length && used + cost(list[kept], kept) <= share) {
            used += cost(list[kept], kept);
            kept++;
        }
        values[name] = JSON.stringify(list.slice(0, kept));
        left -= used;
        cut.push({ name, kept, total: list.length });
    });
    return { values, cut };
}

;// CONCATENATED MODULE: ./src/output/text.ts
// Outside text (a server's, an input's) shown to a person or handed on. Every script is shown as itself (Chinese,
// accents, emoji); only what acts or hides is escaped or removed, and that is decided here, in one place.
// Redact first: quoting shortens.
/**
 * Characters that act or hide, by Unicode property: controls (Cc: line breaks, escapes), format characters (Cf:
 * bidi overrides, zero-width characters, the soft hyphen, tag characters U+E0000-E007F), line and paragraph
 * separators, private use, surrogates and unassigned code points, every default-ignorable code point (the Hangul
 * fillers U+115F, U+1160, U+3164 and U+FFA0, variation selectors, U+180E...), and the braille blank U+2800, a
 * filler that renders as nothing. The `u` flag makes it see characters outside the BMP.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\p{Cn}\p{Default_Ignorable_Code_Point}\u2800]/u;
/**
 * Emoji written with the joiner and presentation selectors that HIDDEN holds (❤️, 👩‍💻, 1️⃣): inside such a
 * sequence they hide nothing, so the emoji is shown as itself.
 */
const EMOJI_SEQUENCE = /\p{Extended_Pictographic}[\uFE0E\uFE0F\p{Emoji_Modifier}]?(?:\u200D\p{Extended_Pictographic}[\uFE0E\uFE0F\p{Emoji_Modifier}]?)*|[0-9#*]\uFE0F\u20E3/u;
/** An emoji sequence (group 1, kept) or one character that acts or hides. */
const SCAN = new RegExp(`(${EMOJI_SEQUENCE.source})|${HIDDEN.source}`, 'gu');
/** Where the first character that acts or hides (outside an emoji sequence) is, and the character; undefined if none. */
function firstHidden(text) {
    const match = [...text.matchAll(SCAN)].find(([, emoji]) => emoji === undefined);
    return match && { index: match.index, char: match[0] };
}
/** Each character that acts or hides as a visible escape (`\u200B`, `\u{E0041}`); everything else as it is. */
function reveal(text) {
    return text.replace(SCAN, (char, emoji) => {
        if (emoji !== undefined)
            return emoji;
        const code = char.codePointAt(0);
        const hex = code.toString(16).toUpperCase();
        return code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
    });
}
/** The first `max` characters (code points, so an emoji is never cut in two), with "..." when cut. */
function cut(text, max) {
    const chars = Array.from(text);
    return chars.length > max ? `${chars.slice(0, max).join('')}...` : text;
}
/** On one line, in double quotes, cut to `max` characters: what acts or hides escaped, every script as itself. */
function quote(text, max = 200) {
    // Whitespace and line breaks of any kind become one space: a quoted value never starts a line of its own. Other
    // controls stay, and show as escapes.
    const flat = text.replace(/\s+/gu, ' ').trim();
    return `"${reveal(cut(flat, max).replace(/["\\]/g, '\\$&'))}"`;
}
/** Plain text for an output: one line, with the characters that act or hide removed, not escaped. */
function plain(text) {
    return text
        .replace(/[\s\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
        .replace(SCAN, (_char, emoji) => emoji ?? '')
        .trim();
}
/** Printable ASCII with no spaces, cut to `max`: for identifiers such as log ids. */
function printable(text, max = 200) {
    return text.replace(/[^\x21-\x7e]/g, '').slice(0, max);
}

;// CONCATENATED MODULE: ./src/inputs/base-url.ts
// 'base-url': where requests go instead of a region's API, for a private deployment or a test server.



const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i;
/** An origin such as https://open.feishu.cn, or undefined when the input is empty. Throws an InputError. */
function parseBaseUrl(value) {
    if (value === '')
        return undefined;
    const fail = (why) => {
        throw new InputError(`Input 'base-url' (${quote(withoutCredentials(value), 100)}) ${why}. Example: '${REGIONS.feishu.baseUrl}'.`);
    };
    let url;
    try {
        url = new URL(value);
    }
    catch {
        const port = /^[a-z]+:\/\/[^/?#]*:(\d+)(?:[/?#]|$)/i.exec(value)?.[1];
        return fail(port !== undefined && Number(port) > 65535 ? `has the port ${port}, out of range (1-65535)` : 'is not an absolute URL');
    }
    if (url.protocol === 'http:' && !LOOPBACK_HOST.test(url.hostname)) {
        fail('uses plain http://, which is accepted only for loopback hosts (localhost, 127.0.0.0/8, ::1): use https://');
    }
    else if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        fail('must start with https://');
    }
    if (url.username !== '' || url.password !== '')
        fail('must not contain credentials');
    // An empty query or fragment ('?', '#') leaves url.search and url.hash empty: the text itself is what counts.
    if (value.includes('?'))
        fail('must not have a query string');
    if (value.includes('#'))
        fail('must not have a fragment');
    if (url.pathname !== '/')
        fail('must have no path: give only the scheme and host (and port), the action adds /open-apis/...');
    return url.origin;
}
/**
 * The URL with everything up to its last '@' after the scheme replaced: the parser takes credentials in
 * forms such as `https:user:pw@host`, `https:/user:pw@host` and with backslashes, not only after `//`.
 */
function withoutCredentials(value) {
    return value.replace(/^(https?:[\\/]*)?[\s\S]*@/i, '$1***@');
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = require("node:fs");
;// CONCATENATED MODULE: ./src/catalogue/catalogue.ts
// The API catalogue: every call Feishu's API Explorer describes, the token types it accepts and, for the calls that
// accept a tenant token, the scopes that allow it (any one is enough). Derived from dayongxie/lark-openapi-spec
// (catalogue/README.md); this module is its runtime form and the file that holds it, src/catalogue/catalogue.json.
const METHODS = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'];
/** The token types a call can accept, as the source names them (`x-lark-access-tokens`). */
const TOKEN_TYPES = (/* unused pure expression or super */ null && (['app', 'tenant', 'user']));
/** The file's layout, described in the file itself for whoever opens it. */
const FORMAT = (/* unused pure expression or super */ null && ("tenant: 'METHOD path operationId scopes', the scopes as indices into scopes, comma-separated; " +
    "other: 'METHOD path operationId tokens', comma-separated; '-' for none; scopes: every scope name the source mentions, sorted"));
const list = (items) => (items.length === 0 ? '-' : items.join(','));
/**
 * Takes a catalogue, gives the text of catalogue.json: one string per call (space-separated fields) and scopes as
 * indices, which keeps the file small and quick to parse, laid out as Biome formats JSON so that `biome ci`
 * accepts the generated file as it is.
 */
function encodeCatalogue(catalogue) {
    const index = new Map(catalogue.scopeNames.map((name, i) => [name, i]));
    const { repository, commit, date } = catalogue.source;
    const file = {
        source: { repository, commit, date },
        format: FORMAT,
        scopes: [...catalogue.scopeNames],
        tenant: catalogue.tenantCalls.map(call => `${call.method} ${call.path} ${call.operationId} ${list(call.scopes.map(s => index.get(s)))}`),
        other: catalogue.otherCalls.map(call => `${call.method} ${call.path} ${call.operationId} ${list(call.tokens)}`)
    };
    const entries = Object.entries(file);
    return `{\n${entries.map(([key, value], i) => printEntry(key, value, i === entries.length - 1)).join(',\n')}\n}\n`;
}
const LINE_WIDTH = 140;
/** Biome's layout: an object expanded, as written; an array on one line when that line fits, else one item a line. */
function printEntry(key, value, last) {
    const name = `  ${JSON.stringify(key)}: `;
    if (!Array.isArray(value))
        return name + JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
    const flat = `${name}[${value.map(item => JSON.stringify(item)).join(', ')}]`;
    if (flat.length + (last ? 0 : 1) <= LINE_WIDTH)
        return flat;
    return `${name}[\n${value.map(item => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
}
/**
 * Takes the text of catalogue.json, gives the catalogue. Throws an Error naming the first entry that does not
 * follow the format (a hand-edited or truncated file), so a broken file cannot pass for a catalogue.
 */
function decodeCatalogue(text) {
    const { source, scopes, tenant, other } = JSON.parse(text);
    if (!source || !Array.isArray(scopes) || !Array.isArray(tenant) || !Array.isArray(other))
        throw new Error('catalogue.json: not a catalogue');
    // Plain loops, indexing, and no string built per line unless it is wrong: this runs once, cold, in the
    // interpreter, where closures, destructuring and template strings cost (measured: 27 ms of CPU with them, 7 without).
    const tenantCalls = [];
    for (let i = 0; i < tenant.length; i++) {
        const parts = fields(tenant[i], 'tenant', i);
        const names = parts[3] === '-' ? [] : parts[3].split(',');
        for (let j = 0; j < names.length; j++) {
            const name = scopes[+names[j]];
            if (typeof name !== 'string')
                throw new Error(`catalogue.json: tenant[${i}] names a scope that is not in scopes`);
            names[j] = name;
        }
        tenantCalls.push({ tenant: true, method: parts[0], path: parts[1], operationId: parts[2], scopes: names });
    }
    const otherCalls = [];
    for (let i = 0; i < other.length; i++) {
        const parts = fields(other[i], 'other', i);
        const tokens = parts[3] === '-' ? [] : parts[3].split(',');
        if (!tokens.every(type => type === 'user' || type === 'app'))
            throw new Error(`catalogue.json: other[${i}] has a token type it cannot have`);
        otherCalls.push({
            tenant: false,
            method: parts[0],
            path: parts[1],
            operationId: parts[2],
            tokens: tokens
        });
    }
    return {
        source: { repository: source.repository, commit: source.commit, date: source.date },
        tenantCalls,
        otherCalls,
        scopeNames: scopes
    };
}
const KNOWN_METHODS = new Set(METHODS);
/** A line's four space-separated fields, checked: a method, a path, an operationId, a list. */
function fields(line, kind, i) {
    const parts = typeof line === 'string' ? line.split(' ') : [];
    if (parts.length !== 4 || !KNOWN_METHODS.has(parts[0]) || !parts[1].startsWith('/open-apis/') || parts[2] === '') {
        throw new Error(`catalogue.json: ${kind}[${i}] is not 'METHOD path operationId list'`);
    }
    return parts;
}

;// CONCATENATED MODULE: ./src/catalogue/load.ts
// The catalogue is read only by the runs that need it, on the first call, and kept. It stays out of the bundle:
// for `new URL('./catalogue.json', import.meta.url)` ncc (webpack) emits the file next to dist/index.cjs as an
// asset and points the URL at it, relative to the bundle; from the sources (tsx, jest) the URL is this folder's file.


let cached;
/**
 * Gives the catalogue, reading and decoding catalogue.json the first time (about 200 KB; see catalogue/README.md for
 * what it costs). Throws when the file cannot be read (a bundle shipped without its asset) or is not a catalogue;
 * a later call tries again.
 */
function loadCatalogue() {
    cached ??= decodeCatalogue((0,external_node_fs_namespaceObject.readFileSync)(new URL(/* asset import */ __nccwpck_require__(231), __nccwpck_require__.b), 'utf8'));
    return cached;
}

;// CONCATENATED MODULE: ./src/catalogue/distance.ts
/**
 * Takes two strings, gives their Levenshtein distance: the fewest one-character insertions, deletions and
 * substitutions (UTF-16 code units) that turn one into the other. Stops counting past `limit` and gives
 * `limit + 1` then, so scanning a thousand names for the near ones stays cheap.
 */
function editDistance(a, b, limit = Number.POSITIVE_INFINITY) {
    if (Math.abs(a.length - b.length) > limit)
        return limit + 1;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        let best = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
            best = Math.min(best, current[j]);
        }
        if (best > limit)
            return limit + 1;
        previous = current;
    }
    return Math.min(previous[b.length], limit + 1);
}
/**
 * Takes a query and candidates, gives up to `count` candidates within `limit` of it, nearest first, ties in
 * code-unit order of the candidate's key: the "did you mean" of a typo.
 */
function nearest(query, candidates, keyOf, limit, count = 3) {
    const near = [];
    for (const candidate of candidates) {
        const key = keyOf(candidate);
        const distance = editDistance(query, key, limit);
        if (distance <= limit)
            near.push({ candidate, key, distance });
    }
    near.sort((a, b) => a.distance - b.distance || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return near.slice(0, count).map(({ candidate }) => candidate);
}

;// CONCATENATED MODULE: ./src/catalogue/lazy.ts
/**
 * Takes a function that builds an index of a catalogue, gives the same function computing it once per catalogue
 * (the first query pays, the next ones look up). Weakly held: a catalogue no longer used takes its indexes with it.
 */
function perCatalogue(make) {
    const made = new WeakMap();
    return catalogue => {
        if (!made.has(catalogue))
            made.set(catalogue, make(catalogue));
        return made.get(catalogue);
    };
}

;// CONCATENATED MODULE: ./src/catalogue/names.ts


/** The words of a name without case, `.` or `_`: chatMembers, chat_members and chat.members are one key. */
const keyOf = (name) => name.toLowerCase().replace(/[._]/g, '');
/** The version segment of a call's path, after /open-apis/ and the project: /open-apis/im/v1/messages is `v1`. */
function versionOf(call) {
    const start = call.path.indexOf('/', '/open-apis/'.length) + 1;
    const end = call.path.indexOf('/', start);
    return end === -1 ? call.path.slice(start) : call.path.slice(start, end);
}
const byOperationId = perCatalogue(catalogue => {
    const map = new Map();
    for (const call of catalogue.tenantCalls)
        map.set(call.operationId, call);
    for (const call of catalogue.otherCalls)
        map.set(call.operationId, call);
    return map;
});
const add = (map, key, call) => {
    const calls = map.get(key);
    if (calls)
        calls.push(call);
    else
        map.set(key, [call]);
};
// Plain loops: built once, cold (see decodeCatalogue).
const keyIndex = perCatalogue((catalogue) => {
    const byKey = new Map();
    const byKeyWithoutVersion = new Map();
    const keyed = [];
    for (const calls of [catalogue.tenantCalls, catalogue.otherCalls]) {
        for (let i = 0; i < calls.length; i++) {
            const call = calls[i];
            const key = keyOf(call.operationId);
            add(byKey, key, call);
            const version = versionOf(call);
            // The key has no '_': the suffix _v2 is its last two characters.
            const suffixed = call.operationId.endsWith(version) && call.operationId[call.operationId.length - version.length - 1] === '_';
            const unsuffixed = suffixed ? key.slice(0, -version.length) : key;
            if (suffixed)
                add(byKeyWithoutVersion, unsuffixed, call);
            keyed.push({ call, key: unsuffixed });
        }
    }
    return { byKey, byKeyWithoutVersion, keyed };
});
/** The SDKs' prefix `client.` and the version go; the rest is the key. */
function parseName(name) {
    const parts = name.replace(/^client\./i, '').split('.');
    const version = parts.length > 2 && /^v\d+$/i.test(parts[1]) ? parts.splice(1, 1)[0].toLowerCase() : undefined;
    // A name of one part has no project: the fallback that adds it (callsNamed) then looks up the key twice over, which
    // names nothing.
    return { project: keyOf(parts[0]), version, key: keyOf(parts.join('')) };
}
/** A name: letters, digits, `_` and `.`, the dots not doubled nor at an end. */
const isCallName = (text) => /^[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*$/.test(text);
/**
 * Takes a name (an operationId such as im_message_create, or an SDK's dotted name such as im.v1.message.create,
 * im.message.create, client.im.v1.chatMembers.create), gives the calls it names: one; several when, without case,
 * `.` and `_`, it fits several operationIds; or none. A version given picks among the calls of two versions; none
 * given names the one whose operationId has no `_v2`, as the operationId itself would.
 */
function callsNamed(catalogue, name) {
    const exact = byOperationId(catalogue).get(name);
    if (exact)
        return [exact];
    const index = keyIndex(catalogue);
    const { project, version, key } = parseName(name);
    const inVersion = (calls) => (calls ?? []).filter(call => version === undefined || versionOf(call) === version);
    const found = inVersion(index.byKey.get(key));
    if (found.length > 0)
        return found;
    const unsuffixed = inVersion(index.byKeyWithoutVersion.get(key));
    if (unsuffixed.length > 0)
        return unsuffixed;
    // The token calls' operationIds repeat the project (auth_auth_tenant_access_token_internal); the SDKs do not
    // (auth.v3.tenantAccessToken.internal).
    return inVersion(index.byKey.get(project + key));
}
/**
 * Takes a name that names no call, gives up to 3 calls whose names are near it (edit distance on the key, at most a
 * quarter of its length, at least 2), nearest first: the same name in another version comes first.
 */
function callsNamedNear(catalogue, name) {
    const { key } = parseName(name);
    const limit = Math.max(2, Math.floor(key.length / 4));
    return nearest(key, keyIndex(catalogue).keyed, entry => entry.key, limit).map(entry => entry.call);
}

;// CONCATENATED MODULE: ./src/catalogue/paths.ts


/**
 * Takes a path (starting with '/', no query), gives its segments: percent-escapes decoded where they decode, and a
 * trailing `/` dropped (one template, GET /open-apis/hire/v1/talent_pools/, is documented with one).
 */
function segmentsOf(path) {
    const segments = path.slice(1).replace(/\/$/, '').split('/');
    return segments.map(segment => {
        try {
            return decodeURIComponent(segment);
        }
        catch {
            return segment;
        }
    });
}
/** A template's `{param}`: the catalogue's parameters are whole segments so (scripts/catalogue/operations.ts checks). */
const isParam = (segment) => segment.startsWith('{');
// Plain loops, and templates split without decoding (they have no escapes): built once, cold (see decodeCatalogue).
const templatesByLength = perCatalogue(catalogue => {
    const byLength = new Map();
    for (const calls of [catalogue.tenantCalls, catalogue.otherCalls]) {
        for (let i = 0; i < calls.length; i++) {
            const call = calls[i];
            const segments = call.path.split('/');
            segments.shift();
            if (segments[segments.length - 1] === '')
                segments.pop();
            const params = [];
            for (let j = 0; j < segments.length; j++)
                params.push(isParam(segments[j]));
            const same = byLength.get(segments.length);
            if (same)
                same.push({ call, segments, params });
            else
                byLength.set(segments.length, [{ call, segments, params }]);
        }
    }
    return byLength;
});
const fits = (template, segments) => template.segments.every((segment, i) => template.params[i] || segment === segments[i]);
/** -1 when a is more specific: at the first segment where one has a literal and the other a parameter, the literal. */
function bySpecificity(a, b) {
    const at = a.params.findIndex((param, i) => param !== b.params[i]);
    return at === -1 ? 0 : a.params[at] ? 1 : -1;
}
/**
 * Takes path segments, gives the calls whose template matches them, grouped by template shape, the most specific
 * first: at the first segment where two differ, a literal beats a parameter, so /open-apis/wiki/v2/spaces/get_node
 * is GET spaces/get_node before GET spaces/{space_id}. Within a group, by method. None: an empty list.
 */
function callsAt(catalogue, segments) {
    const matching = (templatesByLength(catalogue).get(segments.length) ?? []).filter(template => fits(template, segments));
    matching.sort((a, b) => bySpecificity(a, b) || (a.call.method < b.call.method ? -1 : 1));
    const groups = [];
    for (const template of matching) {
        const last = groups.at(-1);
        if (last && bySpecificity(last[0], template) === 0)
            last.push(template);
        else
            groups.push([template]);
    }
    return groups.map(group => group.map(template => template.call));
}
/** A segment with at most half its characters changed is a typo of the other (its share); more, another word (1). */
function segmentChange(given, wanted) {
    const longer = Math.max(given.length, wanted.length);
    const distance = editDistance(given, wanted, Math.floor(longer / 2));
    return distance <= longer / 2 ? distance / longer : 1;
}
/**
 * Cost of turning the given segments into a template's: a segment changed costs segmentChange (so `message` for
 * `messages` is cheap), one added or dropped costs 1, a parameter takes any segment free.
 */
function pathDistance(segments, template, change) {
    let previous = Array.from({ length: template.segments.length + 1 }, (_, j) => j);
    for (let i = 1; i <= segments.length; i++) {
        const current = [i];
        for (let j = 1; j <= template.segments.length; j++) {
            const given = segments[i - 1];
            const wanted = template.segments[j - 1];
            const changed = template.params[j - 1] ? 0 : change(given, wanted);
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + changed);
        }
        previous = current;
    }
    return previous[template.segments.length];
}
/** Far enough for a typo in two segments, or a segment missing; not for a different call. */
const NEAR = 1.5;
/** Another method than the one given counts as half a segment. */
const OTHER_METHOD = 0.5;
/**
 * Takes the segments of a path that matches no call (and its method, when given), gives up to 3 calls whose
 * templates are near it by pathDistance, nearest first, then in path order.
 */
function callsNear(catalogue, segments, method) {
    const scored = [];
    // Templates share most segments (open-apis, v1, the project): each pair is measured once.
    const known = new Map(segments.map(segment => [segment, new Map()]));
    const change = (given, wanted) => {
        const costs = known.get(given);
        if (!costs.has(wanted))
            costs.set(wanted, segmentChange(given, wanted));
        return costs.get(wanted);
    };
    for (const templates of templatesByLength(catalogue).values()) {
        for (const template of templates) {
            // More than a segment added or dropped is past NEAR.
            if (Math.abs(template.segments.length - segments.length) > 1)
                continue;
            const distance = pathDistance(segments, template, change) + (method && method !== template.call.method ? OTHER_METHOD : 0);
            if (distance <= NEAR)
                scored.push({ call: template.call, distance });
        }
    }
    const order = (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.method < b.method ? -1 : 1);
    scored.sort((a, b) => a.distance - b.distance || order(a.call, b.call));
    return scored.slice(0, 3).map(({ call }) => call);
}

;// CONCATENATED MODULE: ./src/catalogue/match.ts


/** Scheme, user information (left out: up to the authority's last `@`), host and port, path, query or fragment. */
const URL_FORM = /^https?:\/\/(?:[^/?#\s]*@)?([^/?#\s@]+)(\/[^?#]*)?(?:[?#].*)?$/i;
const PATH_FORM = /^(\/[^?#]*)(?:[?#].*)?$/;
/**
 * Takes a catalogue and one line naming a call, gives what it names. For example `POST /open-apis/im/v1/messages`,
 * `GET /open-apis/im/v1/chats/:chat_id/members/is_in_chat`, `POST https://open.feishu.cn/open-apis/im/v1/messages?
 * receive_id_type=chat_id`, `im_message_create`, `im.v1.message.create`. The method is read in any case; query and
 * fragment are ignored. Never throws.
 */
function matchCall(catalogue, line) {
    const words = line.trim().split(/\s+/);
    if (words.length === 1 && isCallName(words[0]))
        return { form: 'name', ...byName(catalogue, words[0]) };
    const [method, target] = words.length === 2 ? [words[0].toUpperCase(), words[1]] : [undefined, words[0]];
    if (words.length > 2 || (method !== undefined && !/^[A-Z]+$/.test(method)))
        return { kind: 'unreadable' };
    const url = URL_FORM.exec(target);
    if (url)
        return { form: 'url', host: url[1].toLowerCase(), ...byPath(catalogue, url[2] ?? '/', method) };
    const path = PATH_FORM.exec(target);
    if (path)
        return { form: 'path', ...byPath(catalogue, path[1], method) };
    return { kind: 'unreadable' };
}
const one = (call) => (call.tenant ? { kind: 'call', call } : { kind: 'not-tenant', call });
function byName(catalogue, name) {
    const calls = callsNamed(catalogue, name);
    if (calls.length === 0)
        return { kind: 'unknown', nearest: callsNamedNear(catalogue, name) };
    return calls.length === 1 ? one(calls[0]) : { kind: 'ambiguous', calls };
}
function byPath(catalogue, path, method) {
    const segments = segmentsOf(path);
    const groups = callsAt(catalogue, segments);
    if (groups.length === 0)
        return { kind: 'unknown', nearest: callsNear(catalogue, segments, method) };
    // Without a method, the calls of the most specific template: one is the answer, several are the user's to pick.
    if (method === undefined)
        return groups[0].length === 1 ? one(groups[0][0]) : { kind: 'ambiguous', calls: groups[0] };
    const all = groups.flat();
    const call = all.find(candidate => candidate.method === method);
    if (call)
        return one(call);
    // Each method once, with its most specific template: the calls this URL can be.
    return { kind: 'wrong-method', method, calls: all.filter((candidate, i) => all.findIndex(c => c.method === candidate.method) === i) };
}

;// CONCATENATED MODULE: ./src/inputs/endpoint.ts
// Where requests go, as 'region' and 'base-url' give it, for the inputs whose lines must fit it (a link's region, a
// call's host). Read again from the inputs as given: a bad 'region' or 'base-url' is their own input's problem.


/** The endpoint of this run, and whether 'base-url' gave it; undefined when 'region' or 'base-url' is bad. */
function endpointGiven({ given }) {
    if (given('base-url') !== '') {
        try {
            return { endpoint: endpointFor('feishu', parseBaseUrl(given('base-url'))), byBaseUrl: true };
        }
        catch {
            return undefined;
        }
    }
    const region = (given('region') || 'feishu').toLowerCase();
    return REGION_NAMES.includes(region) ? { endpoint: endpointFor(region), byBaseUrl: false } : undefined;
}

;// CONCATENATED MODULE: ./src/inputs/values.ts
// How one input's text is read: what a parser knows of its input, and the parsers several inputs share.


/** One of a few words, any case: each with what it means, for the error. */
function choice(options, more = '') {
    const names = Object.keys(options);
    return (value, { name }) => {
        const normalised = value.toLowerCase();
        if (names.includes(normalised))
            return normalised;
        const listed = names.map(option => `'${option}' (${options[option]})`);
        throw new InputError(`Input '${name}' is ${quote(value, 60)}: use ${listed.slice(0, -1).join(', ')} or ${listed.at(-1)}${more}.`);
    };
}
/** 'true' or 'false', as YAML 1.2's core schema spells them; throws an InputError otherwise. */
function parseBoolean(value, { name }) {
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new InputError(`Input '${name}' is ${quote(value, 60)}: use 'true' or 'false'.`);
}
/** A decimal number within `limits` (written plainly: no exponent, sign or hex); throws an InputError otherwise. */
function number(limits) {
    return (value, input) => {
        const parsed = Number(value);
        if (!/^\d+(\.\d+)?$/.test(value) ||
            !Number.isFinite(parsed) ||
            (limits.integer && !Number.isInteger(parsed)) ||
            parsed < limits.min ||
            parsed > limits.max) {
            throw new InputError(`Input '${input.name}' is ${quote(value, 60)}: use ${limits.integer ? 'a whole number' : 'a number'} from ${limits.min} to ${limits.max} (default ${input.default}).`);
        }
        return parsed;
    };
}
/**
 * A line of a list input as an error quotes it: in every link of it (http or https with any slashes, or any scheme with
 * `//`), what sits before the last '@' of that link is hidden, in whichever of the forms a URL parser takes it, a
 * password with '/' in it included. A calendar id's '@' is no link's, nor is a label's.
 */
function withoutUserInfo(line) {
    return (line
        .replace(/(^|\s)(https?:[\\/]*|[a-z][a-z0-9+.-]*:\/\/)\S*@/gi, '$1$2***@')
        // A password with a space in it: `user:` where a host would be, no path before the space, then on to the '@'
        // before a host with a dot.
        .replace(/(^|\s)(https?:[\\/]*|[a-z][a-z0-9+.-]*:\/\/)([^\s/?#.@[]+:[^\s/@]*\s[^\n@]*?)@(?=[^\s@]*\.)/gi, '$1$2***@'));
}
/**
 * Whether a list input names nothing: every line blank or a `#` comment. A list that has lines, all of them comments,
 * is warned about: whoever wrote it may think something is checked.
 */
function namesNothing(value, { name, warning }) {
    const lines = value.split(/\r?\n/).map(line => line.trim());
    if (!lines.every(line => line === '' || line.startsWith('#')))
        return false;
    if (lines.some(line => line !== ''))
        warning(`Input '${name}' has only comment lines (lines that start with '#'): it names nothing, so nothing of it is checked.`);
    return true;
}

;// CONCATENATED MODULE: ./src/inputs/calls.ts







/** At most this many calls: an automation makes fewer; the check stays quick and its words short. */
const MAX_CALLS = 200;
/** Longer than any URL a script sends to the API; a line this long is not a call. */
const MAX_LINE_CHARS = 2048;
const EXPECTED = "Input 'required-calls' takes one call a line: the method and path as the API's documentation writes them " +
    '(POST /open-apis/im/v1/messages; {chat_id} or :chat_id), the URL or path a script sends (GET https://open.feishu.cn/open-apis/im/v1/chats/oc_.../members/is_in_chat), ' +
    "or the SDK's name of the call (im.v1.message.create, im.message.create or im_message_create); '# a name' after it labels it, and a line " +
    "that starts with '#' is a comment.";
/** A call in words: its method, template and operationId. */
const callName = (call) => `${call.method} ${call.path} (${call.operationId})`;
/**
 * Reads 'required-calls' against `catalogue`: one call a line, a label after `#` (at the start or after white space:
 * a `#` inside a URL is the URL's), blank and `#` lines skipped. A URL's host must be that of `endpoint` (when known).
 * Never throws: every bad line is a problem that quotes it (credentials hidden) and says what is expected.
 */
function parseRequiredCalls(value, catalogue, endpoint, byBaseUrl = false) {
    const calls = [];
    const problems = [];
    /** Where each call was first named: its line. */
    const seen = new Map();
    let unreadable = false;
    for (const [index, raw] of value.split(/\r?\n/).entries()) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            continue;
        const where = `Input 'required-calls', line ${index + 1} (${quote(withoutUserInfo(line), 120)})`;
        const read = readLine(line, catalogue, endpoint, byBaseUrl);
        if (typeof read === 'string') {
            problems.push(`${where}: ${read}`);
            unreadable ||= read === UNREADABLE;
            continue;
        }
        const first = seen.get(read.call);
        if (first !== undefined) {
            problems.push(`${where} names the same call as line ${first}, ${callName(read.call)}: list it once.`);
            continue;
        }
        seen.set(read.call, index + 1);
        calls.push(read);
    }
    if (unreadable)
        problems.push(EXPECTED);
    if (calls.length > MAX_CALLS) {
        problems.push(`Input 'required-calls' names ${calls.length} calls: at most ${MAX_CALLS}. List the calls the workflow's own steps make.`);
    }
    return { calls, problems };
}
const CREDENTIALS = "a call's URL carries no user name or password (the token goes in a header): write the path alone.";
const NOT_A_HOST = "its host is not a host name (letters, digits, dots and hyphens, then a port if any), nor is a user name or password part of a call's URL: write the path alone.";
/** A host name or address, and a port: what a URL a script sends to the API has. */
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
const UNREADABLE = "this is not a call: write its method and path, the URL or path a script sends, or the SDK's name of the call.";
/** One line as a call, or what is wrong with it and what to do. */
function readLine(line, catalogue, endpoint, byBaseUrl) {
    if (line.length > MAX_LINE_CHARS)
        return `it is longer than ${MAX_LINE_CHARS} characters.`;
    // The line is trimmed and does not start with '#'.
    const hash = /\s#/.exec(line);
    const written = (hash ? line.slice(0, hash.index) : line).trim().replace(/\s+/g, ' ');
    const label = hash ? line.slice(hash.index + hash[0].length).trim() : '';
    // A URL with a user name or password: never echoed, never kept (withoutUserInfo hides it in the quoted line).
    if (/^(\S+ )?https?:\/\/[^/\s]*@/i.test(written))
        return CREDENTIALS;
    const match = matchCall(catalogue, written);
    if (match.kind === 'unreadable')
        return UNREADABLE;
    // A host that is no host name (a password with a '/' in it reads as one): refused without echoing it.
    if (match.host !== undefined && !HOST.test(match.host))
        return NOT_A_HOST;
    const wrongHost = match.host !== undefined && endpoint && hostProblem(match.host, endpoint, byBaseUrl);
    if (wrongHost)
        return wrongHost;
    const problem = resolutionProblem(match, catalogue);
    if (problem)
        return problem;
    return { written, ...(label !== '' && { label }), call: match.call };
}
/** What is wrong with a line the catalogue read, or undefined when it names one call a tenant token can make. */
function resolutionProblem(match, catalogue) {
    const date = catalogue.source.date.slice(0, 10);
    switch (match.kind) {
        case 'not-tenant':
            return `${callName(match.call)} does not accept a tenant token: ${TAKES[match.call.tokens.join(',')] ?? TAKES.user}, so the app's tenant token can never make it. Take it out of 'required-calls'.`;
        case 'wrong-method':
            return `this path has no ${match.method} call: it has ${match.calls.map(callName).join(', ')}.`;
        case 'ambiguous':
            return (`this names ${match.calls.length} calls: ${match.calls.slice(0, 5).map(callName).join(', ')}${match.calls.length > 5 ? ', ...' : ''}: ` +
                `write ${match.form === 'name' ? 'its method and path instead' : 'the method before the path'}.`);
        case 'unknown':
            return (`Feishu's API catalogue (of ${date}) has no such call${match.nearest.length > 0 ? `; the nearest: ${match.nearest.map(callName).join(', ')}` : ''}. ` +
                "For a call the catalogue does not have (newer than it, or left out of it), list the scopes its documentation names in 'required-scopes' instead.");
    }
}
/** What a call that does not accept a tenant token takes instead, by its token types. */
const TAKES = {
    user: 'it is made with a user access token (on behalf of a signed-in user)',
    app: 'it is made with an app access token',
    'app,user': 'it is made with a user or an app access token',
    '': 'it is one of the calls that issue tokens, and takes none'
};
/** A URL of another host than the API this run calls: the other region's, or another server's. */
function hostProblem(written, endpoint, byBaseUrl) {
    const { host: api, protocol } = new URL(endpoint.baseUrl);
    // As a URL parser reads it, without the dot that may end a host name: open.feishu.cn.:443 is open.feishu.cn.
    const host = new URL(`${protocol}//${written}`).host.replace(/\.(?=$|:)/, '');
    if (host === api)
        return undefined;
    const other = Object.values(REGIONS).find(region => new URL(region.baseUrl).host === host);
    const setting = byBaseUrl ? `'base-url' is '${endpoint.baseUrl}'` : `'region' is '${endpoint.region}'`;
    return other && !byBaseUrl
        ? `it is a call to ${other.label} (${host}), but ${setting} (${api}): an app's calls go to its own region; set \`region: ${other.name}\` if the app is a ${other.label} app.`
        : `its host ${host} is not the API this run calls (${api}, as ${setting}): write the path alone, or the URL of that host.`;
}
/** 'required-calls' as calls of the catalogue, read only when the input names one. Throws an InputError with every bad line. */
function parseCalls(value, input) {
    if (namesNothing(value, input))
        return [];
    const given = endpointGiven(input);
    const { calls, problems } = parseRequiredCalls(value, loadCatalogue(), given?.endpoint, given?.byBaseUrl);
    if (problems.length > 0)
        throw new InputError(problems.join('\n'));
    return calls;
}

;// CONCATENATED MODULE: ./src/feishu/kinds.ts
// The kinds of resource an app must reach ('required-access'): chats, Bases, documents (and legacy ones), sheets, wiki
// pages and spaces, Drive folders and files, mind notes, presentations, Minutes and calendars. One row per kind: how people name it, the read-only call that answers for it
// and how to read that answer, the scopes that allow the call, its rate limit, and how edit rights are checked. A new
// kind is one row here, plus its words (src/words/) and the sandbox's answer (harness/).
// The calls, scopes, rate limits and link forms: docs/feishu.md, "Resources".


/** An id as a path segment or query value: ids are checked when the input is read, this only guards the URL. */
const segment = (id) => encodeURIComponent(id).replace(/%40/g, '@');
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** Document tokens are letters and digits (27 today; older ones start bascn, doxcn, shtcn, fldcn, wikcn). */
const DOC_TOKEN = /^[A-Za-z0-9]{1,64}$/;
const DOC_TOKEN_SHAPE = 'letters and digits, at most 64';
/** A link whose path is `/{prefix}/{id}` (a trailing slash too). */
const pathLink = (prefix) => ({ path: new RegExp(`^/${prefix}/([^/]+)/?$`) });
/** A GET whose answer proves the resource readable by holding `data.<field>`; nothing of it is kept (titles are the tenant's). */
const getting = (path, field) => ({
    method: 'GET',
    path,
    answer: data => (isRecord(data[field]) ? undefined : { malformed: `'data.${field}' is missing or not an object` })
});
/** The permission call (drive/v1/permissions/:token/members/auth) for an object of `type`: may the app view, or edit, it? */
const permissionPath = (id, type, action) => `/open-apis/drive/v1/permissions/${segment(id)}/members/auth?type=${type}&action=${action}`;
/** The read call of the objects only the permission call answers for: may the app view it? */
const viewing = (type) => ({
    method: 'GET',
    path: id => permissionPath(id, type, 'view'),
    answer: data => typeof data.auth_result !== 'boolean'
        ? { malformed: "'data.auth_result' is missing or not true or false" }
        : data.auth_result
            ? undefined
            : { problem: 'no-access', call: 'access' }
});
/** The kind of each object a wiki page can hold (get_node's `obj_type`), where this table has the kind. */
const WIKI_OBJECTS = {
    bitable: 'base',
    docx: 'docx',
    sheet: 'sheet',
    doc: 'doc',
    file: 'file',
    mindnote: 'mindnote',
    slides: 'slides'
};
/** get_node's answer: the page is readable; the object it holds is checked next, as what it is, when its kind is known. */
const wikiNode = {
    method: 'GET',
    path: id => `/open-apis/wiki/v2/spaces/get_node?token=${segment(id)}`,
    answer: data => {
        const node = data.node;
        if (!isRecord(node))
            return { malformed: "'data.node' is missing or not an object" };
        const kind = typeof node.obj_type === 'string' && Object.hasOwn(WIKI_OBJECTS, node.obj_type) ? WIKI_OBJECTS[node.obj_type] : undefined;
        if (kind === undefined)
            return undefined;
        const id = node.obj_token;
        if (typeof id !== 'string' || !RESOURCE_KINDS[kind].id.test(id))
            return { malformed: "'data.node.obj_token' is not a token" };
        return { holds: { kind, id } };
    }
};
/** A calendar's roles for the app (calendar/v4/calendars/:id, `role`): all but free_busy_reader can read events. */
const CALENDAR_ROLES = ['free_busy_reader', 'reader', 'writer', 'owner'];
/** The permission call, as the catalogue names it: it answers for edit rights, and for the objects only it can read. */
const PERMISSION_CALL = 'GET /open-apis/drive/v1/permissions/{token}/members/auth';
/** The objects only the permission call answers for: a token of letters and digits, a link, and a name. */
const checkedByPermission = (type, noun, prefix) => ({
    noun,
    id: DOC_TOKEN,
    idShape: DOC_TOKEN_SHAPE,
    links: [pathLink(prefix)],
    read: viewing(type),
    call: PERMISSION_CALL,
    edit: type
});
const RESOURCE_KINDS = {
    chat: {
        noun: 'chat',
        id: /^oc_[A-Za-z0-9]{1,64}$/,
        idShape: "'oc_' followed by letters and digits, at most 64",
        // A chat opened from a message or a bot card: applink.feishu.cn/client/chat/open?openChatId=oc_...
        links: [{ path: /^\/client\/chat\/open\/?$/, param: 'openChatId' }],
        read: {
            method: 'GET',
            path: id => `/open-apis/im/v1/chats/${segment(id)}/members/is_in_chat`,
            // A bot outside the chat is an answer (code 0), not an error.
            answer: data => typeof data.is_in_chat !== 'boolean'
                ? { malformed: "'data.is_in_chat' is missing or not true or false" }
                : data.is_in_chat
                    ? undefined
                    : { problem: 'no-access', call: 'access' }
        },
        call: 'GET /open-apis/im/v1/chats/{chat_id}/members/is_in_chat',
        perSecond: 50
    },
    base: {
        noun: 'Base',
        id: DOC_TOKEN,
        idShape: DOC_TOKEN_SHAPE,
        links: [pathLink('base')],
        read: getting(id => `/open-apis/bitable/v1/apps/${segment(id)}`, 'app'),
        call: 'GET /open-apis/bitable/v1/apps/{app_token}',
        perSecond: 20,
        edit: 'bitable'
    },
    docx: {
        noun: 'document',
        id: DOC_TOKEN,
        idShape: DOC_TOKEN_SHAPE,
        links: [pathLink('docx')],
        read: getting(id => `/open-apis/docx/v1/documents/${segment(id)}`, 'document'),
        call: 'GET /open-apis/docx/v1/documents/{document_id}',
        perSecond: 5,
        edit: 'docx'
    },
    sheet: {
        noun: 'spreadsheet',
        id: DOC_TOKEN,
        idShape: DOC_TOKEN_SHAPE,
        links: [pathLink('sheets')],
        read: getting(id => `/open-apis/sheets/v3/spreadsheets/${segment(id)}`, 'spreadsheet'),
        call: 'GET /open-apis/sheets/v3/spreadsheets/{spreadsheet_token}',
        edit: 'sheet'
    },
    wiki: {
        noun: 'wiki page',
        id: DOC_TOKEN,
        idShape: DOC_TOKEN_SHAPE,
        // Not /wiki/settings/ID nor /wiki/space/ID (a space), nor those words alone (a space link cut short).
        links: [{ path: /^\/wiki\/(?!(?:settings|space)(?:\/|$))([^/]+)\/?$/ }],
        read: wikiNode,
        call: 'GET /open-apis/wiki/v2/spaces/get_node',
        edit: 'wiki'
    },
    'wiki-space': {
        noun: 'wiki space',
        id: /^[0-9]{1,32}$/,
        idShape: 'digits, at most 32',
        // The space's settings, or its home page.
        links: [{ path: /^\/wiki\/(?:settings|space)\/([^/]+)\/?$/ }],
        read: getting(id => `/open-apis/wiki/v2/spaces/${segment(id)}`, 'space'),
        call: 'GET /open-apis/wiki/v2/spaces/{space_id}'
    },
    folder: {
        noun: 'Drive folder',
        id: DOC_TOKEN,
        idShape: DOC_TOKEN_SHAPE,
        links: [{ path: /^\/drive\/folder\/([^/]+)\/?$/ }],
        read: {
            // Read-only despite POST: the metadata of the docs listed.
            method: 'POST',
            path: () => '/open-apis/drive/v1/metas/batch_query',
            body: id => JSON.stringify({ request_docs: [{ doc_token: id, doc_type: 'folder' }] }),
            answer: (data, { id }) => {
                const listed = (field) => (Array.isArray(data[field]) ? data[field].filter(isRecord) : []);
                const failed = listed('failed_list').find(item => item.token === id);
                if (failed)
                    return typeof failed.code === 'number'
                        ? { code: failed.code }
                        : { malformed: "an entry of 'data.failed_list' has no numeric 'code'" };
                return listed('metas').some(item => item.doc_token === id)
                    ? undefined
                    : { malformed: "the folder is in neither 'data.metas' nor 'data.failed_list'" };
            }
        },
        call: 'POST /open-apis/drive/v1/metas/batch_query',
        perSecond: 50
    },
    calendar: {
        noun: 'calendar',
        // feishu.cn_xxx@group.calendar.feishu.cn
        id: /^[A-Za-z0-9][A-Za-z0-9._@-]{0,199}$/,
        idShape: 'letters, digits and . _ @ -, at most 200 (such as feishu.cn_xxx@group.calendar.feishu.cn)',
        read: {
            method: 'GET',
            path: id => `/open-apis/calendar/v4/calendars/${segment(id)}`,
            // The app's role decides both: a free/busy reader sees no events, a reader cannot change them.
            answer: (data, { edit }) => {
                const role = data.role;
                if (typeof role !== 'string' || !CALENDAR_ROLES.includes(role))
                    return { malformed: `'data.role' is not one of the roles a calendar gives (${CALENDAR_ROLES.join(', ')})` };
                if (role === 'free_busy_reader')
                    return { problem: 'free-busy-only', call: 'access' };
                return edit && role === 'reader' ? { problem: 'read-only', call: 'edit' } : undefined;
            }
        },
        call: 'GET /open-apis/calendar/v4/calendars/{calendar_id}',
        perSecond: 50,
        edit: 'role'
    },
    doc: checkedByPermission('doc', 'legacy document', 'docs'),
    file: checkedByPermission('file', 'file', 'file'),
    mindnote: checkedByPermission('mindnote', 'mind note', 'mindnotes'),
    slides: checkedByPermission('slides', 'presentation', 'slides'),
    minutes: checkedByPermission('minutes', 'Minutes recording', 'minutes')
};
const KIND_NAMES = Object.keys(RESOURCE_KINDS);
/** The permission call that says whether the app may edit an object (the permission call's `type`). */
const editPath = (id, type) => permissionPath(id, type, 'edit');
/** How a resource is named in the log: its label (quoted: text of the workflow file), its kind and its id. */
function resourceName({ kind, id, label, inWiki }) {
    const what = inWiki === undefined ? `${RESOURCE_KINDS[kind].noun} ${id}` : `${RESOURCE_KINDS[kind].noun} in wiki page ${inWiki}`;
    return label ? `${quote(label, 80)} (${what})` : what;
}
const scopesByCall = new Map();
/**
 * The scopes that allow a call of the catalogue (`METHOD template`), any one of them: Feishu's API catalogue, read on
 * first use. Throws for a call the catalogue lacks (a test holds every row's call to it).
 */
function scopesOfCall(call) {
    if (!scopesByCall.has(call)) {
        const found = loadCatalogue().tenantCalls.find(({ method, path }) => `${method} ${path}` === call);
        if (!found)
            throw new Error(`${call} is not a call of the catalogue`);
        scopesByCall.set(call, found.scopes);
    }
    return scopesByCall.get(call);
}
/** The scopes that allow reading a resource of a kind (its read call's, in the catalogue). */
const kindScopes = (kind) => scopesOfCall(RESOURCE_KINDS[kind].call);

;// CONCATENATED MODULE: ./src/feishu/scopes.ts
// Scope names and the scope list as Feishu gives it (docs/feishu.md, "Scopes"): what any part of the action may take
// for a scope name, whoever wrote it (a workflow, a server).
/** Lowercase a-z 0-9 _ . : -, two to four colon-separated segments. */
const SCOPE_NAME = /^[a-z0-9_.-]+(?::[a-z0-9_.-]+){1,3}$/;
/** The longest scope names are about 50 characters; far longer text is not a scope name. */
const MAX_SCOPE_NAME_CHARS = 128;
function isScopeName(value) {
    return value.length <= MAX_SCOPE_NAME_CHARS && SCOPE_NAME.test(value);
}

;// CONCATENATED MODULE: ./src/inputs/resources.ts
// 'required-access': the resources the app must reach, one a line (a browser link, a chat id, or KIND:ID), turned
// into typed resources of the kinds table (src/feishu/kinds.ts). Every bad line is said at once, quoting it.







/** At most this many entries: with them every call stays inside its per-minute limit (100/min). */
const MAX_ENTRIES = 50;
/** Longer than any link a browser gives for these pages; a line this long is not a resource. */
const resources_MAX_LINE_CHARS = 2048;
/** Hosts that serve tenants' links, and the region each says (larkoffice.com serves both). */
const LINK_DOMAINS = [
    { domain: 'feishu.cn', region: 'feishu' },
    { domain: 'larksuite.com', region: 'lark' },
    { domain: 'larkoffice.com' }
];
const underDomain = (host, domain) => host === domain || host.endsWith(`.${domain}`);
/**
 * Whether a link's host fits the API the action calls: any host under feishu.cn, larksuite.com or larkoffice.com
 * that is not the other region's, or, with a custom base URL (`region` undefined), any https host. `baseUrl`: the
 * 'base-url' the region comes from, when it was given. Returns the problem in words, or undefined.
 */
function linkHostProblem(host, region, baseUrl) {
    if (region === undefined)
        return undefined;
    // A host written with the root's trailing dot (acme.feishu.cn.) is the same host.
    const known = LINK_DOMAINS.find(({ domain }) => underDomain(host.toLowerCase().replace(/\.$/, ''), domain));
    if (!known)
        return `its host ${host} is not under feishu.cn, larksuite.com or larkoffice.com, which serve tenants' documents (with a custom 'base-url', any https host is taken).`;
    if (known.region && known.region !== region) {
        const other = REGIONS[known.region];
        // 'base-url' takes the place of 'region': name the input that applies.
        const why = baseUrl ? `'base-url' is '${baseUrl}' (${REGIONS[region].label})` : `'region' is '${region}' (${REGIONS[region].label})`;
        const fix = baseUrl ? `set 'base-url' to '${other.baseUrl}'` : `set \`region: ${known.region}\``;
        return `it is a ${other.label} link, but ${why}: an app reaches only the resources of its own region; ${fix} if the app is a ${other.label} app.`;
    }
    return undefined;
}
const resources_EXPECTED = "Input 'required-access' takes one resource a line: a browser link to a Base (/base/TOKEN), document (/docx/ID, or a legacy /docs/ID), " +
    'spreadsheet (/sheets/TOKEN), wiki page (/wiki/TOKEN), wiki space (/wiki/settings/ID), Drive folder (/drive/folder/TOKEN) or file ' +
    '(/file/TOKEN), mind note (/mindnotes/TOKEN), presentation (/slides/TOKEN) or Minutes recording (/minutes/TOKEN); a chat id (oc_...) ' +
    `or a chat's applink; or KIND:ID, with KIND one of ${KIND_NAMES.join(', ')}. Add 'edit' after it to need edit rights, and '# a name' ` +
    "to label it; a line that starts with '#' is a comment.";
/**
 * Reads 'required-access': one resource a line, `edit` after it, a label after `#` (at the start or after
 * whitespace; a `#` inside a link is the link's). Blank lines are ignored. `region`: the region requests go to
 * (undefined for a custom base URL), which links must fit; `baseUrl`: the 'base-url' it comes from, if given. Never
 * throws: every bad entry is a problem that quotes it and says what is expected.
 */
function parseRequiredAccess(value, region, baseUrl) {
    const resources = [];
    const problems = [];
    /** Where each resource was first named: its line. */
    const seen = new Map();
    let unreadable = false;
    for (const [index, raw] of value.split(/\r?\n/).entries()) {
        const line = raw.trim();
        // Blank lines, and lines that are only a '#' comment (an entry set aside), name nothing.
        if (line === '' || line.startsWith('#'))
            continue;
        const where = `Input 'required-access', line ${index + 1} (${quote(withoutUserInfo(line), 120)})`;
        const read = resources_readLine(line);
        if (typeof read === 'string') {
            problems.push(`${where}: ${read}`);
            unreadable = true;
            continue;
        }
        const wrongHost = read.host && linkHostProblem(read.host, region, baseUrl);
        const first = seen.get(`${read.kind}:${read.id}`);
        if (wrongHost)
            problems.push(`${where}: ${wrongHost}`);
        else if (first !== undefined) {
            const edit = RESOURCE_KINDS[read.kind].edit === undefined ? '' : ", with 'edit' if it must be editable";
            problems.push(`${where} names the same ${RESOURCE_KINDS[read.kind].noun} as line ${first}: list it once${edit}.`);
        }
        else {
            seen.set(`${read.kind}:${read.id}`, index + 1);
            resources.push(read);
        }
    }
    // What a line may hold, said once after the lines that hold something else.
    if (unreadable)
        problems.push(resources_EXPECTED);
    if (resources.length > MAX_ENTRIES) {
        problems.push(`Input 'required-access' has ${resources.length} entries: at most ${MAX_ENTRIES}, so that the checks stay inside Feishu's rate limits. Check the resources the workflow really uses.`);
    }
    return { resources, problems };
}
/** One line as a resource, or what is wrong with it and what is expected. */
function resources_readLine(line) {
    if (line.length > resources_MAX_LINE_CHARS)
        return `it is longer than ${resources_MAX_LINE_CHARS} characters.`;
    const hash = /(^|\s)#/.exec(line);
    const body = (hash ? line.slice(0, hash.index) : line).trim();
    const label = hash ? line.slice(hash.index + hash[0].length).trim() : '';
    if (body.includes(','))
        return 'one resource a line: put each on a line of its own (commas do not separate them, as in required-scopes).';
    if (/^[-*] /.test(body))
        return "a list marker starts this line: write each resource on a line of its own, without '- ' before it.";
    const words = body.split(/\s+/).filter(Boolean);
    const edit = words.length === 2 && words[1].toLowerCase() === 'edit';
    // The full-width sign is what a Chinese input method types: name it, for it looks like the one that starts a label.
    const fullWidth = body.includes('＃') ? " A label starts with the ASCII '#' after a space, not the full-width '＃'." : '';
    if (words.length > 2 || (words.length === 2 && !edit)) {
        return `one resource a line, and after it only the word 'edit' (and a label after '#').${fullWidth}`;
    }
    const read = readReference(words[0]);
    if (typeof read === 'string') {
        const space = fullWidth === '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(words[0]) && words[0].includes('#')
            ? " A label needs a space before its '#'."
            : '';
        return `${read}.${fullWidth}${space}`;
    }
    if (edit && RESOURCE_KINDS[read.kind].edit === undefined)
        return noEditCheck(read.kind);
    return { ...read, edit, ...(label !== '' && { label }), entry: edit ? `${words[0]} edit` : words[0] };
}
/** Why 'edit' cannot be asked of a kind, and what to do instead. */
function noEditCheck(kind) {
    if (kind === 'folder') {
        return ("'edit' does not apply to a Drive folder: no read-only call answers for edit rights on a folder, so the check is that the app " +
            "can read it. Leave 'edit' out. To give the app edit rights on a folder, share the folder, with edit, with a group that holds " +
            "the app's bot.");
    }
    const check = kind === 'chat' ? "that the app's bot is in the chat" : 'that the app can read it';
    return `'edit' does not apply to a ${RESOURCE_KINDS[kind].noun}: the check is ${check}. Leave 'edit' out.`;
}
/** Kinds people write by another name: the name they meant. */
const KIND_ALIASES = { bitable: 'base', sheets: 'sheet', document: 'docx', docs: 'doc' };
/** A link, a chat id or KIND:ID, or what is wrong with it. */
function readReference(ref) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref))
        return readLink(ref);
    if (/^oc_/.test(ref))
        return checkId('chat', ref);
    const colon = ref.indexOf(':');
    if (colon === -1) {
        // acme.feishu.cn/base/... : an address bar shows links without their scheme.
        const bare = /^[^/]+\.[^/]+\//.test(ref) ? ': a link starts with https://, copy the whole address' : '';
        return `this is neither a link, a chat id (oc_...) nor KIND:ID${bare}`;
    }
    const kind = ref.slice(0, colon).toLowerCase();
    if (kind === 'https' || kind === 'http')
        return 'a link starts with https:// (two slashes)';
    if (kind === '')
        return `KIND:ID needs its kind before the colon, one of ${KIND_NAMES.join(', ')}`;
    if (!KIND_NAMES.includes(kind)) {
        const alias = Object.hasOwn(KIND_ALIASES, kind) ? `: write it as ${KIND_ALIASES[kind]}:ID` : '';
        const scope = isScopeName(ref) && !alias ? ` (a permission scope, such as ${quote(ref, 60)}, goes in 'required-scopes')` : '';
        return `${quote(ref.slice(0, colon), 40)} is not a kind this action checks${alias}${scope}`;
    }
    return checkId(kind, ref.slice(colon + 1));
}
function checkId(kind, id) {
    const row = RESOURCE_KINDS[kind];
    if (!row.id.test(id))
        return `a ${row.noun}'s id is ${row.idShape}`;
    return { kind, id };
}
function readLink(ref) {
    let url;
    try {
        url = new URL(ref);
    }
    catch {
        return 'this is not a valid link';
    }
    if (url.protocol !== 'https:')
        return `links start with https://, not ${url.protocol}//`;
    if (url.username !== '' || url.password !== '')
        return 'a link to a resource has no user name or password';
    for (const kind of KIND_NAMES) {
        for (const form of RESOURCE_KINDS[kind].links ?? []) {
            const match = form.path.exec(url.pathname);
            if (match)
                return linkId(kind, form, match, url);
        }
    }
    return LINK_HINTS.find(({ path }) => path.test(url.pathname))?.hint ?? OTHER_LINK;
}
/** The id a link of a kind's form gives: a path segment (percent-escaped), or a query parameter. */
function linkId(kind, form, match, url) {
    let id;
    try {
        id = form.param === undefined ? decodeURIComponent(match[1]) : url.searchParams.get(form.param);
    }
    catch {
        return 'its path has a bad percent-escape';
    }
    if (id === null)
        return `a link of this form names its ${RESOURCE_KINDS[kind].noun} in its '${form.param}' parameter, which this one lacks`;
    const checked = checkId(kind, id);
    return typeof checked === 'string' ? checked : { ...checked, host: url.hostname };
}
const OTHER_LINK = 'this link is not to a chat, Base, document, spreadsheet, wiki page or space, Drive folder or file, mind note, presentation or Minutes recording';
/** Links people copy that name no resource of their own, and what to write instead. */
const LINK_HINTS = [
    {
        path: /^\/share\/base\/form\//,
        hint: "this is a Base form shared for filling in: its token is the share's, not the Base's; list the Base the form fills instead (its /base/ link)"
    },
    {
        path: /^\/wiki\/(settings|space)\/?$/,
        hint: "this wiki space link has no space id: open the space's settings and copy the whole address (/wiki/settings/ and its number), or write wiki-space:ID"
    }
];
/** 'required-access' as resources; a link must fit the region requests go to. Throws an InputError with every bad line. */
function parseAccess(value, input) {
    if (namesNothing(value, input))
        return [];
    const { region, baseUrl } = regionOf(input);
    const { resources, problems } = parseRequiredAccess(value, region, baseUrl);
    if (problems.length > 0)
        throw new InputError(problems.join('\n'), {}, problems.at(-1) === resources_EXPECTED ? resources_EXPECTED : undefined);
    return resources;
}
/**
 * The region requests go to, and the 'base-url' it comes from when that is given; no region for a custom base URL, or
 * 'region' or 'base-url' bad.
 */
function regionOf(input) {
    const given = endpointGiven(input);
    if (!given?.endpoint.region)
        return {};
    return { region: given.endpoint.region, ...(given.byBaseUrl && { baseUrl: given.endpoint.baseUrl }) };
}

;// CONCATENATED MODULE: ./src/inputs/scopes.ts
// 'required-scopes': the scopes the app must hold, as a list of names.





/**
 * Splits on commas, spaces and newlines, so a YAML block scalar works as well as one line; a `#` at the start of a line
 * or after a space or comma starts a comment, to the end of its line (no scope name holds a `#`).
 */
function parseScopeList(raw) {
    const scopes = [];
    const invalid = [];
    for (const entry of raw.replace(/(^|[\s,])#.*$/gm, '$1').split(/[\s,]+/)) {
        if (entry === '')
            continue;
        if (!isScopeName(entry)) {
            if (!invalid.includes(entry))
                invalid.push(entry);
        }
        else if (!scopes.includes(entry)) {
            scopes.push(entry);
        }
    }
    return { scopes, invalid };
}
/** The scope names of 'required-scopes'; throws an InputError that quotes every entry that cannot be one. */
function parseRequiredScopes(value, input) {
    if (namesNothing(value, input))
        return [];
    const { scopes, invalid } = parseScopeList(value);
    if (invalid.length > 0) {
        // Thousands of bad names stay one line of bounded length: the first ones, and a count of the rest.
        const { rows, more } = firstRows(invalid);
        const listed = `${rows.map(entry => quote(withoutUserInfo(entry), 80)).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
        throw new InputError(`Input 'required-scopes' has ${invalid.length === 1 ? 'an entry that is not a scope name' : 'entries that are not scope names'}: ` +
            `${listed}. Scope names are lowercase letters, digits and _ . -, ` +
            'in two to four parts separated by colons, e.g. im:message or contact:user.base:readonly; separate them with commas, spaces or newlines.');
    }
    return scopes;
}

;// CONCATENATED MODULE: ./src/inputs/table.ts







const row = (fallback, parse, options = {}) => ({
    default: fallback,
    parse,
    ...options
});
/** Why a credential arrived empty, most likely cause first, where the action runs. */
function emptyHint(from, { onRunner }) {
    if (!onRunner) {
        return 'Outside GitHub Actions, inputs come from the environment: set it as INPUT_<NAME> (npm run local-action reads them from .env).';
    }
    const where = 'exists in this repository, its environment or its organisation, under exactly that name';
    return from === 'secret'
        ? `Secrets are not passed to workflows triggered from forks or by Dependabot, which is the usual cause of an empty value; otherwise check that the secret in \`\${{ secrets.NAME }}\` ${where}.`
        : `Check that the variable in \`\${{ vars.NAME }}\` (or the secret, if you keep the App ID in one) ${where}; secrets are not passed to workflows triggered from forks or by Dependabot.`;
}
const APP_ID_SHAPE = /^cli_[a-z0-9]{16}$/i;
function parseAppId(value, input) {
    if (value === '') {
        throw new InputError(`Input 'app-id' is empty: set it to the App ID of your Feishu/Lark custom app (cli_...), e.g. \`app-id: \${{ vars.FEISHU_APP_ID }}\`. ${emptyHint('variable', input)}`);
    }
    if (!APP_ID_SHAPE.test(value)) {
        input.warning(`Input 'app-id' (${quote(value, 60)}) does not look like an App ID ('cli_' followed by 16 characters). ` +
            'Trying it anyway: Feishu has the final word.');
    }
    return value;
}
function parseAppSecret(value, input) {
    if (value === '') {
        throw new InputError(`Input 'app-secret' is empty: pass the App Secret from a secret, e.g. \`app-secret: \${{ secrets.FEISHU_APP_SECRET }}\`. ${emptyHint('secret', input)}`);
    }
    return value;
}
function parseRegion(value, input) {
    return choice({ feishu: 'open.feishu.cn, China', lark: 'open.larksuite.com, international' }, 
    // 'base-url' takes the place of 'region' for requests: say what applies, not "set base-url".
    input.given('base-url') === ''
        ? ", or set 'base-url' for a private deployment"
        : ". 'base-url' is set and is where requests go, so 'region' may also be left out")(value, input);
}
/** Every input of action.yml, in its order: the default and how it is read. A new input is one row here. */
const INPUTS = {
    'app-id': row('', parseAppId),
    'app-secret': row('', parseAppSecret),
    region: row('feishu', parseRegion),
    'base-url': row('', parseBaseUrl),
    'export-env': row('false', parseBoolean),
    'required-scopes': row('', parseRequiredScopes, { lines: true }),
    'required-calls': row('', parseCalls, { lines: true }),
    'on-missing-scopes': row('fail', choice({ fail: 'the step fails', warn: 'a warning, the step passes' })),
    'on-unexpected-scopes': row('ignore', choice({ ignore: 'no audit', warn: 'a warning, the step passes', fail: 'the step fails' })),
    'request-approval': row('false', parseBoolean),
    'check-bot': row('false', parseBoolean),
    'required-access': row('', parseAccess, { lines: true }),
    'on-missing-access': row('fail', choice({ fail: 'the step fails', warn: 'a warning, the step passes' })),
    'on-nothing-to-check': row('ignore', choice({ ignore: 'a token is all that is asked', warn: 'a warning, the step passes', fail: 'the step fails, with no request sent' })),
    'timeout-seconds': row('60', number({ min: 0.1, max: 3600 })),
    'attempt-timeout-seconds': row('10', number({ min: 1, max: 600 })),
    'max-attempts': row('4', number({ min: 1, max: 20, integer: true }))
};
/** The run's settings from the inputs, read and checked together. */
function toConfig(inputs, endpoint) {
    return {
        appId: inputs['app-id'],
        appSecret: inputs['app-secret'],
        endpoint,
        exportEnv: inputs['export-env'],
        requiredScopes: inputs['required-scopes'],
        requiredCalls: inputs['required-calls'],
        onMissingScopes: inputs['on-missing-scopes'],
        onUnexpectedScopes: inputs['on-unexpected-scopes'],
        requestApproval: inputs['request-approval'],
        checkBot: inputs['check-bot'],
        requiredAccess: inputs['required-access'],
        onMissingAccess: inputs['on-missing-access'],
        timeoutMs: Math.round(inputs['timeout-seconds'] * 1000),
        attemptTimeoutMs: Math.round(inputs['attempt-timeout-seconds'] * 1000),
        maxAttempts: inputs['max-attempts']
    };
}

;// CONCATENATED MODULE: ./src/inputs/read.ts
// Reading the inputs, in phases: the secret masked first; misspelled names; each input checked for characters that
// hide, then parsed by its row of the table; the inputs that need each other; then one InputError with every problem
// at once, or the Config.






/** Reads and validates every input; throws one InputError listing every problem, with what could be read. */
function readInputs(source) {
    // Masked before anything else happens, even when the workflow passed it as plain text, or as 'app_secret'.
    for (const name of ['app-secret', 'app_secret']) {
        const appSecret = source.getInput(name);
        if (appSecret !== '')
            source.setSecret(appSecret);
    }
    const reading = { problems: [], failed: new Set(), parsed: {} };
    misspelled(source, reading);
    for (const [name, spec] of Object.entries(INPUTS)) {
        if (!reading.failed.has(name))
            readOne(name, spec, source, reading);
    }
    const inputs = reading.parsed;
    reading.problems.push(...together(inputs, reading.failed), ...nothingToCheck(inputs, reading.failed, source));
    const { failed, problems } = reading;
    const endpoint = failed.has('region') || failed.has('base-url') ? undefined : endpointFor(inputs.region, inputs['base-url']);
    if (problems.length > 0) {
        throw new InputError(problems.join('\n'), {
            ...(endpoint && { endpoint }),
            ...(!failed.has('app-id') && { appId: inputs['app-id'] })
        });
    }
    return toConfig(inputs, endpoint);
}
/**
 * `with: app_id:` (Feishu's own spelling) reaches the action as another input, and the hyphenated one keeps its
 * default: say so, rather than blame an empty value on forks or go on without what the workflow meant.
 */
function misspelled(source, { problems, failed }) {
    for (const name of Object.keys(INPUTS).filter(name => name.includes('-'))) {
        const underscored = name.replace(/-/g, '_');
        if (source.getInput(underscored) !== '') {
            problems.push(`You passed '${underscored}'; this action's input is '${name}', with a hyphen: rename it under the step's 'with:'.`);
            failed.add(name);
        }
    }
}
/** One input: refused if it hides something, else parsed by its row (the default when not given). */
function readOne(name, spec, source, reading) {
    const { problems, failed, parsed } = reading;
    const before = problems.length;
    let closing;
    const value = spec.lines ? withoutHidingLines(name, source.getInput(name), reading) : source.getInput(name);
    if (!spec.lines && hidesSomething(name, value, reading))
        return;
    try {
        parsed[name] = spec.parse(value === '' && !failed.has(name) ? spec.default : value, {
            name,
            default: spec.default,
            warning: source.warning,
            given: other => source.getInput(other),
            onRunner: source.onRunner
        });
    }
    catch (error) {
        if (!(error instanceof InputError))
            throw error;
        problems.push(error.message);
        failed.add(name);
        closing = error.closing;
    }
    // A list can hold thousands of bad lines: what is said of one stays within what an annotation and the job
    // summary hold, and leaves room for the other inputs' problems. What is said once for all of them stays, last.
    if (spec.lines && problems.length > before) {
        const lines = problems.splice(before).join('\n').split('\n');
        if (closing !== undefined && lines.at(-1) === closing)
            lines.pop();
        const { rows, more } = firstRows(lines);
        problems.push(...rows, ...(more > 0
            ? [`Input '${name}': ${more} more ${more === 1 ? 'line' : 'lines'} like these, not shown (at most ${SHOWN_ROWS}).`]
            : []), ...(closing !== undefined ? [closing] : []));
    }
}
/**
 * A line break or control character in a one-line input could write a workflow command or hide text: refused before
 * anything parses or prints the value. Only the character is shown, as an escape, and never for the secret: not
 * even a character of it.
 */
function hidesSomething(name, value, { problems, failed }) {
    const hidden = firstHidden(value);
    if (!hidden)
        return false;
    const shown = name === 'app-secret' ? '' : ` (${reveal(hidden.char)})`;
    problems.push(`Input '${name}' contains a line break, control character or invisible formatting character${shown}: give it on one line, as plain text.`);
    failed.add(name);
    return true;
}
/**
 * A list (never a secret): each line that hides something is named and quoted, escaped, and left out, so that the
 * other lines are still read and every problem is said at once.
 */
function withoutHidingLines(name, value, { problems, failed }) {
    const lines = value.split('\n');
    for (const [index, line] of lines.entries()) {
        const hidden = firstHidden(line.replace(/[\t\r]/g, ' '));
        if (!hidden)
            continue;
        problems.push(`Input '${name}', line ${index + 1} (${quote(withoutUserInfo(line), 120)}) contains an invisible or control character (${reveal(hidden.char)}), ` +
            'which text copied from a browser or a chat often carries: delete it, or type the line again.');
        failed.add(name);
        lines[index] = '';
    }
    return lines.join('\n');
}
/** Inputs that mean nothing without another: each would only do nothing, silently. */
function together(inputs, failed) {
    const problems = [];
    // Both compare against what the gate requires: scopes, or the scopes of calls.
    const gated = ['required-scopes', 'required-calls'];
    if (gated.every(name => !failed.has(name) && inputs[name].length === 0)) {
        const list = "list every scope the app should hold in 'required-scopes', or the calls it makes in 'required-calls'";
        const empty = "but 'required-scopes' and 'required-calls' are empty";
        const audit = inputs['on-unexpected-scopes'];
        if (!failed.has('on-unexpected-scopes') && audit !== 'ignore')
            problems.push(`Input 'on-unexpected-scopes' is '${audit}', ${empty}, so there is nothing to compare with: ${list}, or leave 'on-unexpected-scopes' at 'ignore'.`);
        if (!failed.has('request-approval') && inputs['request-approval'])
            problems.push(`Input 'request-approval' is 'true', ${empty}, so no scope is known to ask approval for: ${list}, or leave 'request-approval' at 'false'.`);
    }
    // A warning about resources that are never checked could only stay silent.
    if (!failed.has('required-access') && inputs['required-access'].length === 0 && inputs['on-missing-access'] === 'warn') {
        problems.push("Input 'on-missing-access' is 'warn', but 'required-access' names no resource, so there is nothing to check: list the resources " +
            "the app must reach in 'required-access', or leave 'on-missing-access' at 'fail'.");
    }
    return problems;
}
/**
 * 'on-nothing-to-check': a gate whose lists name nothing (empty, or only blank and '#' lines) and no check-bot would
 * pass having checked nothing; it decides, from the inputs as the action reads them, whether that is a warning or an
 * error, before any request.
 */
function nothingToCheck(inputs, failed, { warning }) {
    const lists = ['required-scopes', 'required-calls', 'required-access'];
    const on = inputs['on-nothing-to-check'];
    if (on === 'ignore' || failed.has('on-nothing-to-check') || failed.has('check-bot') || inputs['check-bot'])
        return [];
    if (lists.some(name => failed.has(name) || inputs[name].length > 0))
        return [];
    const words = "'required-scopes', 'required-calls' and 'required-access' name nothing (blank lines and lines that start with '#' name none) " +
        "and 'check-bot' is not 'true', so nothing but the token is checked";
    if (on === 'warn') {
        warning(`Input 'on-nothing-to-check' is 'warn': ${words}.`);
        return [];
    }
    return [`Input 'on-nothing-to-check' is 'fail': ${words}: give at least one, or leave 'on-nothing-to-check' at 'ignore'.`];
}

;// CONCATENATED MODULE: ./src/output/redact.ts
/**
 * Any this many characters of a secret in a row count as the secret, so a server that echoes part of it (all but its
 * first character, say) does not get that part printed. 8 is the window the tests scan for; no run of 8 random
 * characters of a secret shows up in other text by chance.
 */
const SECRET_WINDOW = 8;
function createRedactor() {
    /** Secrets shorter than the window, replaced only whole. */
    const short = new Set();
    /** Every run of SECRET_WINDOW characters of every longer secret. */
    const windows = new Set();
    const redact = (text) => {
        const whole = [...short].reduce((out, secret) => out.split(secret).join('***'), text);
        // The stretches of text made of windows of secrets, overlapping or touching ones as one, in order: [start, end).
        const stretches = [];
        for (let end = SECRET_WINDOW; end <= whole.length; end++) {
            const start = end - SECRET_WINDOW;
            if (!windows.has(whole.slice(start, end)))
                continue;
            const last = stretches.at(-1);
            if (last && start <= last[1])
                last[1] = end;
            else
                stretches.push([start, end]);
        }
        let out = '';
        let from = 0;
        for (const [start, end] of stretches) {
            out += `${whole.slice(from, start)}***`;
            from = end;
        }
        return out + whole.slice(from);
    };
    // Without recursion: an answer nested 100,000 levels deep (JSON.parse takes it) must keep its code, not overflow
    // the stack and turn into "not JSON".
    const redactDeep = (value) => {
        const copy = (inner, pending) => {
            if (typeof inner === 'string')
                return redact(inner);
            if (typeof inner !== 'object' || inner === null)
                return inner;
            const target = Array.isArray(inner) ? [] : {};
            pending.push([inner, target]);
            return target;
        };
        const pending = [];
        const root = copy(value, pending);
        for (let next = pending.pop(); next; next = pending.pop()) {
            const [source, target] = next;
            // defineProperty: a key such as __proto__ stays a key, as JSON.parse made it.
            for (const [key, inner] of Object.entries(source)) {
                Object.defineProperty(target, key, { value: copy(inner, pending), enumerable: true, writable: true, configurable: true });
            }
        }
        return root;
    };
    return {
        add: secret => {
            if (secret === '')
                return;
            if (secret.length < SECRET_WINDOW)
                short.add(secret);
            else
                for (let end = SECRET_WINDOW; end <= secret.length; end++)
                    windows.add(secret.slice(end - SECRET_WINDOW, end));
        },
        redact,
        redactDeep
    };
}

;// CONCATENATED MODULE: ./src/checks/gate.ts
// The gate's verdict: which of its findings (required scopes missing, configured scopes not required) fail the step,
// which only warn, and the grant link. Pure data: src/words/gate.ts says it.


function gateVerdict(check, rules) {
    const failing = [];
    const warning = [];
    let link;
    // One click for the scopes the error asks for, in the same order: a URL has a practical length.
    if (check.toGrant.length > 0)
        link = grantLink(rules.endpoint, rules.appId, firstRows(check.toGrant).rows);
    if (check.missing.length > 0)
        (rules.onMissingScopes === 'fail' ? failing : warning).push('missing');
    if (check.missingCalls.length > 0)
        (rules.onMissingScopes === 'fail' ? failing : warning).push('calls');
    if (check.unexpected.length > 0 && rules.onUnexpectedScopes !== 'ignore') {
        ;
        (rules.onUnexpectedScopes === 'fail' ? failing : warning).push('unexpected');
    }
    return {
        outcome: failing.length > 0 ? 'failed' : warning.length > 0 ? 'warned' : 'passed',
        failing,
        warning,
        ...(link && { grantLink: link })
    };
}

;// CONCATENATED MODULE: ./src/catalogue/notes.ts
// What the catalogue does not say of some scopes it lists: its lists are not split by identity, and they still name
// scopes the developer console has retired or refuses. The gate never asks an admin to grant these (the narrowest
// scope to grant skips them), and a required scope that was merged into another is said to be so. Each note names
// where it comes from (docs/feishu.md, "Scopes the catalogue lists but no one should be told to grant"). A scope the
// app's own scope list shows for the app identity is the app's to use, whatever this says.
const MESSAGE_PAGE = "the open platform's im-v1/message/create page";
const REPORTS = "public reports of the console's bulk import of scopes";
const SCOPE_NOTES = {
    // Listed on the message page as 发送消息V2【历史版本】, beside im:message and im:message:send_as_bot.
    'im:message:send': { kind: 'historical', source: MESSAGE_PAGE },
    // The page's scope for sending as a user, beside im:message.
    'im:message.send_as_user': { kind: 'user-side', source: MESSAGE_PAGE },
    'im:message:get_as_user': { kind: 'user-side', source: REPORTS },
    'bitable:bitable': { kind: 'refused', source: REPORTS },
    'calendar:calendar.calendar:readonly': { kind: 'refused', source: REPORTS },
    'calendar:calendar.event:writeonly': { kind: 'refused', source: REPORTS },
    'im:message:basic': { kind: 'refused', source: REPORTS },
    'mail:user_mailbox': { kind: 'refused', source: REPORTS },
    'approval:task:read': { kind: 'merged', into: 'approval:task', source: REPORTS },
    'approval:task:write': { kind: 'merged', into: 'approval:task', source: REPORTS },
    'approval:instance:read': { kind: 'merged', into: 'approval:instance', source: REPORTS },
    'approval:instance:write': { kind: 'merged', into: 'approval:instance', source: REPORTS }
};
/** Takes a scope name, gives what is known of it beyond the catalogue, if anything. */
function noteOn(scope) {
    return Object.hasOwn(SCOPE_NOTES, scope) ? SCOPE_NOTES[scope] : undefined;
}

;// CONCATENATED MODULE: ./src/catalogue/scopes.ts


const NONE = [];
// Plain loops: built once, cold (see decodeCatalogue).
const scopeIndex = perCatalogue((catalogue) => {
    const calls = new Map();
    for (let i = 0; i < catalogue.tenantCalls.length; i++) {
        const call = catalogue.tenantCalls[i];
        for (let j = 0; j < call.scopes.length; j++) {
            const allowed = calls.get(call.scopes[j]);
            if (allowed)
                allowed.push(call);
            else
                calls.set(call.scopes[j], [call]);
        }
    }
    return { calls, sets: new Map() };
});
const knownScopes = perCatalogue(catalogue => new Set(catalogue.scopeNames));
/** The tenant calls a scope allows, as a set; undefined when it allows none. */
function setOf(catalogue, scope) {
    const { calls, sets } = scopeIndex(catalogue);
    if (!sets.has(scope) && calls.has(scope))
        sets.set(scope, new Set(calls.get(scope)));
    return sets.get(scope);
}
/** Takes a scope, gives the tenant calls it allows, in path order; none for a scope that allows none. */
function callsAllowedBy(catalogue, scope) {
    return scopeIndex(catalogue).calls.get(scope) ?? NONE;
}
/**
 * Takes scopes x and y, gives whether x covers y: every tenant call that y allows, x allows too (so an app holding
 * x needs no y). Defined only for a y that allows at least one tenant call: undefined otherwise (a user-side or
 * field scope, or an unknown name), since "every call of none" would make any x cover it. Derived from the data
 * (docs/feishu.md, "The API catalogue"), not from the names: docx:document covers docx:document:create.
 */
function covers(catalogue, x, y) {
    const ofY = setOf(catalogue, y);
    if (!ofY)
        return undefined;
    const ofX = setOf(catalogue, x);
    if (!ofX || ofX.size < ofY.size)
        return false;
    for (const call of ofY)
        if (!ofX.has(call))
            return false;
    return true;
}
/**
 * Takes scopes (typically those of one call) and names to skip (user-side scopes), gives the one that allows the
 * fewest tenant calls, ties broken by name: the least privilege to grant. Scopes that allow no tenant call are
 * skipped too. Undefined when none is left.
 */
function narrowest(catalogue, scopes, exclude = []) {
    const skip = new Set(exclude);
    const { calls } = scopeIndex(catalogue);
    let best;
    for (const scope of scopes) {
        const count = calls.get(scope)?.length ?? 0;
        if (skip.has(scope) || count === 0)
            continue;
        if (!best || count < best.count || (count === best.count && scope < best.scope))
            best = { scope, count };
    }
    return best?.scope;
}
/**
 * Takes a required scope and the scopes held, gives a held scope that covers the required one: itself when held,
 * else the narrowest of those that cover it. Undefined when none does, or when the required scope allows no tenant
 * call (covers is not defined there). Quick for hundreds of held scopes: a scope that covers y must allow each of
 * y's calls, so only the scopes of one of them are tried.
 */
function coveringScope(catalogue, required, held) {
    const allowed = callsAllowedBy(catalogue, required);
    if (allowed.length === 0)
        return undefined;
    const holding = new Set(held);
    if (holding.has(required))
        return required;
    const fewest = allowed.reduce((a, b) => (b.scopes.length < a.scopes.length ? b : a));
    const candidates = fewest.scopes.filter(scope => holding.has(scope) && covers(catalogue, scope, required));
    return narrowest(catalogue, candidates);
}
/** Takes a name, gives whether the catalogue's source mentions it anywhere (a call's scopes or field scopes, any token type). */
function isKnownScope(catalogue, name) {
    return knownScopes(catalogue).has(name);
}
/**
 * Takes a name that is not a known scope, gives up to 3 known names near it (edit distance, ignoring case, at most
 * a quarter of its length and at least 1), nearest first, then by name: im:messages gives im:message first.
 */
function nearestScopes(catalogue, name) {
    const query = name.toLowerCase();
    return nearest(query, catalogue.scopeNames, scope => scope, Math.max(1, Math.floor(query.length / 4)));
}

;// CONCATENATED MODULE: ./src/checks/calls.ts


/** Each required call, in the order given: what allows it, or why it cannot be made and what to grant. */
function checkCalls(calls, token, catalogue) {
    // Never told to grant. The app's own list has the last word on a scope's identity, but a scope it lists for the
    // app identity is granted or awaiting approval, and a call with one never gets this far.
    const notToGrant = Object.keys(SCOPE_NOTES);
    return calls.map(required => {
        const { scopes } = required.call;
        if (scopes.length === 0)
            return { required, status: 'allowed' };
        const held = scopes.filter(scope => token.granted.has(scope));
        if (held.length > 0)
            return { required, status: 'allowed', held: narrowest(catalogue, held) ?? held[0] };
        const awaiting = scopes.filter(scope => token.configured.has(scope));
        if (awaiting.length > 0)
            return { required, status: 'awaiting-approval', awaiting };
        const grant = narrowest(catalogue, scopes, notToGrant) ?? narrowest(catalogue, scopes) ?? scopes[0];
        const status = scopes.some(scope => token.forUsers.has(scope))
            ? 'user-only'
            : scopes.some(scope => token.ofUnknownType.has(scope))
                ? 'unknown-type'
                : 'not-configured';
        return { required, status, grant };
    });
}

;// CONCATENATED MODULE: ./src/checks/token-scopes.ts
// What a tenant token carries, as the app's scope list (application/v6/scopes) says: each scope by identity and grant.

/**
 * Only entries for the app identity count for the token, in any order and however often listed. `scope_type` is
 * compared in any case; an absent one is the app identity (older answers list only that).
 */
function readScopeList(listed) {
    const granted = new Set();
    const configured = new Set();
    const forUsers = new Set();
    const ofUnknownType = new Map();
    const unknownTypes = new Set();
    const ignored = [];
    for (const { name, grantStatus, identity } of listed) {
        // Outputs feed later steps' expressions and scripts: only real scope names may reach them.
        if (!isScopeName(name)) {
            ignored.push(name);
            continue;
        }
        const type = identity?.toLowerCase();
        if (type === undefined || type === 'tenant') {
            configured.add(name);
            if (grantStatus === 1)
                granted.add(name);
        }
        else if (type === 'user') {
            forUsers.add(name);
        }
        else {
            unknownTypes.add(identity);
            ofUnknownType.set(name, (ofUnknownType.get(name) ?? false) || grantStatus === 1);
        }
    }
    return { granted, configured, forUsers, ofUnknownType, unknownTypes, ignored };
}

;// CONCATENATED MODULE: ./src/checks/scopes.ts




/**
 * What a tenant token carries, against what is required: only entries for the app identity count, in any order and
 * however often listed. `scope_type` is compared in any case; an entry of any other type is neither granted nor
 * dropped: the audit counts it, and `unknownTypes` names the type.
 */
function checkScopes(required, listed, more = {}) {
    const token = readScopeList(listed);
    let catalogue;
    const read = more.catalogue && (() => (catalogue ??= more.catalogue()));
    const all = [...new Set(required)].sort().map(scope => statusOf(scope, token, read));
    const held = (s) => s.status === 'granted' || s.status === 'covered';
    const statuses = [...all.filter(s => !held(s)), ...all.filter(held)];
    const calls = more.calls && more.calls.length > 0 && read ? checkCalls(more.calls, token, read()) : [];
    const missingCalls = calls.filter(({ status }) => status !== 'allowed');
    return {
        statuses,
        calls,
        granted: [...token.granted].sort(),
        awaiting: [...token.configured].filter(scope => !token.granted.has(scope)).sort(),
        missing: statuses.filter(s => !held(s)).map(s => s.scope),
        missingCalls: missingCalls.map(({ required }) => required.written).sort(),
        toGrant: [
            ...new Set([
                ...statuses.flatMap(s => (held(s) || s.status === 'unknown' ? [] : [s.into ?? s.scope])),
                ...missingCalls.flatMap(c => c.awaiting ?? (c.grant ? [c.grant] : []))
            ])
        ].sort(),
        unexpected: audit(token, statuses, calls),
        ignored: token.ignored,
        unknownTypes: [...token.unknownTypes],
        ...(catalogue && { catalogueDate: catalogue.source.date })
    };
}
/** One required scope's status: held, through a broader scope, or why it is missing. */
function statusOf(scope, token, catalogue) {
    if (token.granted.has(scope))
        return { scope, status: 'granted' };
    const by = catalogue && coveringScope(catalogue(), scope, token.granted);
    if (by)
        return { scope, status: 'covered', by };
    if (token.configured.has(scope))
        return { scope, status: 'awaiting-approval' };
    if (token.ofUnknownType.has(scope))
        return { scope, status: 'unknown-type' };
    if (token.forUsers.has(scope))
        return { scope, status: 'user-only' };
    const note = noteOn(scope);
    if (note?.kind === 'merged')
        return { scope, status: 'retired', into: note.into };
    if (catalogue && !isKnownScope(catalogue(), scope))
        return { scope, status: 'unknown', nearest: nearestScopes(catalogue(), scope) };
    return { scope, status: 'not-configured' };
}
/**
 * The least-privilege audit: every scope configured for the app identity (or under an unknown type) that no required
 * scope needs (itself, or the broader one that covers it) and no required call uses (the narrowest scope held that
 * allows it). A scope that allows required calls that a narrower one already allows says which.
 */
function audit(token, statuses, calls) {
    const needed = new Set([
        ...statuses.map(s => s.scope),
        ...statuses.flatMap(s => (s.by ? [s.by] : [])),
        ...calls.flatMap(c => (c.held ? [c.held] : []))
    ]);
    const audited = new Map(token.ofUnknownType);
    for (const scope of token.configured)
        audited.set(scope, token.granted.has(scope) || (audited.get(scope) ?? false));
    return [...audited.keys()]
        .filter(scope => !needed.has(scope))
        .sort()
        .map(scope => {
        const narrower = calls.find(c => c.held && c.held !== scope && c.required.call.scopes.includes(scope))?.held;
        return { scope, status: audited.get(scope) ? 'granted' : 'awaiting-approval', ...(narrower && { narrower }) };
    });
}

;// CONCATENATED MODULE: ./src/feishu/failure.ts
/** Calls made once and never retried (asking the admin twice would notify twice): advice must not say otherwise. */
const SENT_ONCE = new Set(['apply']);
/** A request that failed: thrown by the Feishu client, retried or not by retry.ts, put into words by src/words/. */
class RequestError extends Error {
    failure;
    call;
    logId;
    retryAfterMs;
    name = 'RequestError';
    constructor(failure, call, logId, 
    /** How long the server asked us to wait before trying again. */
    retryAfterMs) {
        super(`The ${call} request failed (${failure.kind})`);
        this.failure = failure;
        this.call = call;
        this.logId = logId;
        this.retryAfterMs = retryAfterMs;
    }
}
/** Whether a request never went out: its turn came after the step's deadline (wire.ts throws this before sending). */
function wasNotSent(error) {
    return error instanceof RequestError && error.failure.kind === 'timeout' && error.failure.notSent === true;
}

;// CONCATENATED MODULE: ./src/feishu/retry.ts
// Trying a request again: which failures are worth it is a row of the failure tables (src/words/failures.ts and
// codes.ts, handed in as `isRetried`); this file decides when, how often and for how long.

const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 16000;
/** The least time worth giving another attempt: a new connection across a border alone takes most of a second. */
const MIN_ATTEMPT_MS = 1000;
/**
 * Exponential backoff with jitter, from 0.5-1 s up to 8-16 s. A server's own wait (rate limit reset,
 * Retry-After) comes first, then the backoff: clients limited together do not all come back together.
 */
function backoffMs(failedAttempt, random, retryAfterMs = 0) {
    const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failedAttempt - 1));
    return retryAfterMs + Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
/**
 * Runs `attempt` until it succeeds, fails for good, runs out of attempts, or until a wait would leave the next attempt
 * less than MIN_ATTEMPT_MS before the deadline.
 * `attempt` gets the time it has left. Only RequestErrors are retried; anything else is a bug and goes straight up.
 * Throws the last failure of a request that was sent: a retry that was not sent throws the one before it.
 */
async function withRetry(attempt, policy) {
    let previous;
    for (let n = 1;; n++) {
        try {
            return await attempt(policy.deadlineAt - policy.now());
        }
        catch (error) {
            // A retry never sent (its turn came after the deadline) says nothing new: the failure before it stands.
            if (previous && wasNotSent(error))
                throw previous;
            if (!(error instanceof RequestError) || !policy.isRetried(error.failure) || n >= policy.maxAttempts)
                throw error;
            previous = error;
            const waitMs = backoffMs(n, policy.random, error.retryAfterMs);
            // A wait that leaves the next attempt too little time cannot help (it would only fail as a timeout): fail now,
            // with the real reason.
            if (waitMs + MIN_ATTEMPT_MS > policy.deadlineAt - policy.now())
                throw error;
            policy.onRetry(`Attempt ${n} of ${policy.maxAttempts} failed: ${policy.describe(error.failure)}${error.logId ? `, log id ${error.logId}` : ''}. ` +
                `Retrying in ${(waitMs / 1000).toFixed(1)} s.`);
            await policy.sleep(waitMs);
        }
    }
}

;// CONCATENATED MODULE: ./src/words/console.ts
const LABELS = {
    'custom-app': { en: 'Custom App', zh: '企业自建应用' },
    credentials: { en: 'Credentials & Basic Info', zh: '凭证与基础信息' },
    permissions: { en: 'Permissions & Scopes', zh: '权限管理' },
    versions: { en: 'Version Management & Release', zh: '版本管理与发布' },
    security: { en: 'Security Settings → IP allowlist', zh: '安全设置 → IP 白名单' },
    'add-bot-capability': { en: 'Add Features → Bot', zh: '添加应用能力 → 机器人' },
    'doc-add-apps': { en: '"..." → More → Add apps', zh: '添加文档应用' },
    'chat-add-bot': { en: 'Settings → Bots → Add Bot', zh: '设置 → 群机器人 → 添加机器人' },
    'base-advanced-permissions': { en: 'Advanced permissions', zh: '高级权限' }
};
/** "Permissions & Scopes (权限管理)" for Feishu and custom base URLs, "Permissions & Scopes" for Lark. */
function consoleLabel(place, endpoint) {
    const { en, zh } = LABELS[place];
    return endpoint.region === 'lark' ? en : `${en} (${zh})`;
}

;// CONCATENATED MODULE: ./src/words/phrases.ts


/** "Feishu (open.feishu.cn)", or "the server at feishu.example.com" for a custom base URL. */
const serverName = (endpoint) => {
    const host = new URL(endpoint.baseUrl).host;
    return endpoint.region ? `${REGIONS[endpoint.region].label} (${host})` : `the server at ${host}`;
};
/** What to do when the app may belong to the other region (or another deployment). */
const otherRegionHint = (endpoint) => {
    if (!endpoint.region) {
        // A custom base URL says nothing of the app's region: name both.
        const both = REGION_NAMES.map(name => `a ${REGIONS[name].label} app \`region: ${name}\` (${REGIONS[name].baseUrl})`).join(', ');
        return `Apps and tokens do not cross regions: check that 'base-url' serves the region the app was created in, or drop 'base-url' and set ${both}.`;
    }
    const other = otherRegion(endpoint.region);
    return `Apps and tokens do not cross regions: if the app was created on ${other.label}, set \`region: ${other.name}\` (${other.baseUrl}).`;
};
/** Where the App ID and App Secret are. */
const credentials = (c) => `Copy the App ID and App Secret from the app's ${consoleLabel('credentials', c.endpoint)} page (${appConsoleUrl(c.endpoint, c.appId)})`;
/** "the app's Permissions & Scopes (权限管理) page (https://open.feishu.cn/app/cli_.../auth)" */
const permissionPage = (c) => `the app's ${consoleLabel('permissions', c.endpoint)} page (${appConsoleUrl(c.endpoint, c.appId)}/auth)`;
/** "publish a version on the app's Version Management & Release (版本管理与发布) page" */
const publishVersion = (c) => `publish a version on the app's ${consoleLabel('versions', c.endpoint)} page`;
/** The Bot capability, for the calls that need it. */
const enableBot = (c) => `enable the Bot capability on the app's page in the developer console (${appConsoleUrl(c.endpoint, c.appId)}): ` +
    `${consoleLabel('add-bot-capability', c.endpoint)}; then publish a version with it on the app's ${consoleLabel('versions', c.endpoint)} page, ` +
    'and have the tenant admin enable that version';
/** Where the tenant admin manages apps. */
const IN_ADMIN_CONSOLE = 'in the admin console (App Management)';
const capitalise = (text) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
/** A row's meaning or fix, in the words of this call's context. */
const say = (text, c) => (typeof text === 'string' ? text : text(c));
/**
 * The requests of a run the API answered (those that reached it), for the log: API calls count against the tenant's
 * monthly quota; which exactly (the token calls?) Feishu does not document (docs/feishu.md, "The monthly quota").
 */
const callsAnswered = (calls) => `The Open Platform API answered ${calls === 1 ? '1 request' : `${calls} requests`} of this run; ` +
    "API calls count against the tenant's monthly quota.";

;// CONCATENATED MODULE: ./src/words/problems.ts



const kindOf = (c) => c.resource?.kind ?? c.kind;
const nounOf = (c) => {
    const kind = kindOf(c);
    return kind ? RESOURCE_KINDS[kind].noun : 'resource';
};
const inDocument = (c) => `in the ${nounOf(c)}, ${consoleLabel('doc-add-apps', c.endpoint)}, and pick the app (or share it with a group that holds the app's bot)`;
/** How the app is given a resource of this kind. */
function shareFix(c) {
    switch (kindOf(c)) {
        case 'chat':
            return `Add the app's bot to the group: in the chat, ${consoleLabel('chat-add-bot', c.endpoint)}.`;
        case 'wiki':
            return `Add the app (or a group that holds its bot) as a member of the wiki space, or share the page with it: ${inDocument(c)}.`;
        case 'wiki-space':
            return "Add the app (or a group that holds its bot) as a member of the wiki space, in the space's settings.";
        case 'folder':
            return "Share the folder with the app (or with a group that holds the app's bot).";
        case 'calendar':
            return 'Share the calendar with the app, as a reader at least (a writer, when the workflow changes events).';
        case 'file':
        case 'minutes':
            return `Share the ${nounOf(c)} with the app (or with a group that holds the app's bot).`;
        default:
            return `Share it with the app: ${inDocument(c)}.`;
    }
}
/** For a resource that was deleted: out of the trash, or out of the list. */
function restoreFix(c) {
    return `Restore the ${nounOf(c)} from the trash, or take it out of 'required-access'.`;
}
/** What each problem means and what to do about it, for the kind of resource at hand. */
const ACCESS_PROBLEMS = {
    'not-found': {
        meaning: c => `no such ${nounOf(c)}, or it was deleted`,
        fix: c => {
            const kind = kindOf(c);
            if (c.resource?.host)
                return `Check the link in 'required-access': copy it again from the browser's address bar while the ${nounOf(c)} is open.`;
            return kind === 'chat' || kind === 'calendar'
                ? `Check the ${nounOf(c)}'s id in 'required-access' (docs/resources.md, in the action's repository, says where to find it).`
                : `Check the ${nounOf(c)}'s id in 'required-access', or give the link the browser shows while it is open.`;
        }
    },
    'no-access': {
        meaning: c => (kindOf(c) === 'chat' ? "the app's bot is not in this chat" : `the ${nounOf(c)} is not shared with the app`),
        fix: shareFix
    },
    'advanced-permissions': {
        meaning: () => 'the Base uses advanced permissions and no role of it holds the app',
        fix: c => `Add the app, or a group that holds its bot, to a role of the Base: in the Base, ${consoleLabel('base-advanced-permissions', c.endpoint)}.`
    },
    'not-member': {
        meaning: c => kindOf(c) === 'wiki'
            ? 'the app is not a member of the wiki space, and the page is not shared with it'
            : 'the app is not a member of this wiki space',
        fix: shareFix
    },
    'free-busy-only': {
        meaning: () => "the app may see only when this calendar is free or busy (role 'free_busy_reader'), not its events",
        fix: shareFix
    },
    'read-only': {
        meaning: c => `the app can read this ${nounOf(c)} but not edit it`,
        fix: c => kindOf(c) === 'calendar'
            ? "Make the app a writer of the calendar: share it with the app with the role 'writer'."
            : `Give the app edit rights: ${inDocument(c)}, with the permission to edit.`
    },
    'no-scope': {
        meaning: c => `the app holds none of the scopes ${c.call === 'edit' ? 'that the check of edit rights needs' : `that reading a ${nounOf(c)} needs`}, so the check could not be made`,
        fix: c => {
            const kind = kindOf(c);
            const scopes = c.scopes && c.scopes.length > 0 ? c.scopes : c.call === 'edit' ? scopesOfCall(PERMISSION_CALL) : kind ? kindScopes(kind) : [];
            return `Enable one of ${scopes.join(', ')} for the app identity on ${permissionPage(c)}, then ${publishVersion(c)}.`;
        }
    },
    'scope-awaiting': {
        meaning: c => `the app's scope for ${c.call === 'edit' ? 'checking edit rights' : `reading a ${nounOf(c)}`} (${(c.scopes ?? []).join(', ')}) awaits the tenant admin's approval, so the check could not be made`,
        fix: () => "Ask the tenant admin to approve it, or set 'request-approval: true' to have the action ask them."
    },
    'no-bot': {
        meaning: c => `the app's Bot capability is off, and a ${nounOf(c)} is reached through the bot`,
        fix: c => `${capitalise(enableBot(c))}.`
    },
    other: { meaning: () => 'the app cannot reach it', fix: () => 'See the code and message that follow.' }
};

;// CONCATENATED MODULE: ./src/words/codes.ts
// Feishu/Lark Open Platform codes: what each means, what to do, whether a retry can help, and how loud to be when a
// call's failure is only reported. A new code is one row here. The codes themselves: docs/feishu.md.






const disabledOrNotInstalled = {
    meaning: 'the app is disabled, or not installed in this tenant',
    retry: 'never',
    everyCall: true,
    fix: c => `Enable the app and ${publishVersion(c)} in the developer console (${appConsoleUrl(c.endpoint, c.appId)}), then have the tenant admin approve it.`
};
/** " (116.132.239.105)": the address a 99991401 answer says it refused (the runner's egress address, not a secret). */
const refusedAddress = (msg = '') => {
    const address = /\b(?:\d{1,3}\.){3}\d{1,3}\b/.exec(msg)?.[0];
    return address ? ` (${address})` : '';
};
const tokenInvalid = {
    fix: c => `Run the action again; if it keeps failing, the token may come from another region or deployment. ${otherRegionHint(c.endpoint)}`,
    meaning: 'the token is invalid or expired'
};
const CODES = [
    {
        code: 10003,
        meaning: 'the App ID is missing, malformed or unknown',
        fix: c => `${credentials(c)} and check 'app-id'.`,
        retry: 'never'
    },
    {
        code: 10014,
        msg: /id not exist/i,
        meaning: c => `no app with this App ID exists on ${c.endpoint.region ? REGIONS[c.endpoint.region].label : 'this server'}`,
        fix: c => `${otherRegionHint(c.endpoint)} Otherwise check 'app-id'.`,
        retry: 'never'
    },
    {
        code: 10014,
        meaning: 'the App Secret is wrong for this App ID',
        fix: c => `${credentials(c)}; regenerating the secret invalidates the old one, so update the secret the workflow passes as 'app-secret'.`,
        retry: 'never'
    },
    { code: 99991543, meaning: 'the App ID or App Secret is incorrect', fix: c => `${credentials(c)}.`, retry: 'never' },
    {
        code: 99991400,
        meaning: 'the request was rate limited',
        fix: c => SENT_ONCE.has(c.call)
            ? 'Too many requests for this app right now, and this request is sent once and never retried: run the workflow again later, or ask the tenant admin directly.'
            : "Too many requests for this app right now: run fewer jobs at once, or raise 'max-attempts' / 'timeout-seconds'.",
        retry: 'always'
    },
    {
        code: 212100,
        meaning: 'the app is not installed or not enabled in the tenant',
        fix: c => `${capitalise(publishVersion(c))} of the app and have the tenant admin enable it (${appConsoleUrl(c.endpoint, c.appId)}).`,
        retry: 'never'
    },
    {
        code: 99991401,
        meaning: c => `this runner's public IP address${refusedAddress(c.msg)} is not on the app's IP allowlist`,
        fix: c => 
        // The token endpoints ignore the allowlist: said only where a token was indeed issued.
        (c.call === 'token'
            ? ''
            : 'The token endpoint ignores the allowlist, which is why a token was issued; every other call from this runner is refused. ') +
            'GitHub-hosted runners get a different address from job to job: run the job on a runner with a fixed egress address ' +
            '(self-hosted, or a larger runner with static IP addresses) and add that address to the allowlist, or clear the allowlist, ' +
            `in the app's ${consoleLabel('security', c.endpoint)} in the developer console (${appConsoleUrl(c.endpoint, c.appId)}).`,
        retry: 'never',
        everyCall: true
    },
    { code: 99991661, meaning: 'no token was sent with the request', fix: 'This is a bug in the action: please report it.' },
    {
        code: 99991671,
        meaning: 'the token is malformed',
        fix: "Check that 'base-url' points at the Feishu/Lark Open Platform and not at another service."
    },
    { code: 99991663, ...tokenInvalid },
    { code: 99991668, ...tokenInvalid, meaning: 'the token is not valid for this request: invalid, expired or replaced' },
    { code: 99991662, ...disabledOrNotInstalled },
    { code: 99991673, ...disabledOrNotInstalled },
    {
        code: 99991672,
        meaning: 'the app has not enabled a scope this API needs',
        fix: c => `Add the scope on ${permissionPage(c)} and ${publishVersion(c)}.`,
        access: 'no-scope'
    },
    {
        code: 99991676,
        meaning: 'the token lacks a scope this API needs',
        fix: c => `Add the scope on ${permissionPage(c)}, ${publishVersion(c)}, and have the tenant admin approve it.`,
        access: 'no-scope'
    },
    {
        code: 11205,
        meaning: 'the app has no bot: its Bot capability is not enabled in a published version',
        fix: c => `${capitalise(enableBot(c))}; or leave 'check-bot' off.`,
        retry: 'never'
    },
    {
        code: 230006,
        meaning: "the app's Bot capability is not activated",
        fix: c => `${capitalise(enableBot(c))}.`,
        retry: 'never'
    },
    {
        code: 212001,
        meaning: 'only high-sensitivity scopes await approval, and those cannot be requested through the API',
        fix: c => `Request them on ${permissionPage(c)} in the developer console.`
    },
    {
        code: 212002,
        meaning: 'no scope of the app awaits approval, so there was nothing to request',
        fix: c => `A scope that is not configured on the app must be added on ${permissionPage(c)}, then ${publishVersion(c)}.`,
        level: 'info'
    },
    {
        code: 212003,
        meaning: 'the app has used up its 10 approval requests for this version',
        fix: c => `Ask the tenant admin directly, or ${publishVersion(c)} (${appConsoleUrl(c.endpoint, c.appId)}) to request again.`
    },
    {
        code: 212004,
        meaning: 'an approval request for these scopes is already waiting for the tenant admin',
        fix: 'Nothing more to send: remind the tenant admin to approve it in the admin console.',
        level: 'info'
    },
    {
        code: 1000040351,
        meaning: c => `the app belongs to the other region ("Incorrect domain name"); ${serverName(c.endpoint)} accepted its credentials but does not serve it`,
        fix: c => otherRegionHint(c.endpoint),
        retry: 'never',
        everyCall: true
    },
    {
        code: 99991403,
        meaning: "the tenant's monthly quota of Open Platform API calls is used up",
        fix: 'Every call answers this until the quota resets at the start of next month, and retrying only spends more, so the action ' +
            'sends no further request. The tenant admin sees the usage in the admin console, where a plan with a larger quota can be ' +
            "chosen; until then, run scheduled gates less often (docs/reliability.md, in the action's repository, lists what each check costs in calls).",
        retry: 'never',
        everyCall: true
    },
    ...resourceRows()
];
function codeRow(code, msg) {
    return CODES.find(row => row.code === code && (row.msg === undefined || row.msg.test(msg)));
}
/** What a failed request's code means for the resource checks: the problem it is, and whether every call gets it too. */
function classify(error) {
    const row = error.failure.kind === 'feishu' ? codeRow(error.failure.code, error.failure.msg) : undefined;
    return { ...(row?.access && { problem: row.access }), ...(row?.everyCall && { everyCall: true }) };
}
/**
 * A code a resource call answers (that of `kind`, or the call for edit rights when none): its problem, and words of
 * its own where the problem's general words would say less.
 */
function onResource(code, kind, access, words = {}) {
    const withKind = (c) => (kind ? { ...c, kind } : c);
    return {
        code,
        access,
        ...(kind && { kind }),
        retry: 'never',
        ...(words.everyCall && { everyCall: true }),
        meaning: c => (words.meaning === undefined ? ACCESS_PROBLEMS[access].meaning(withKind(c)) : say(words.meaning, withKind(c))),
        fix: c => (words.fix ?? ACCESS_PROBLEMS[access].fix)(withKind(c))
    };
}
/** The codes of the resource calls (docs/feishu.md, "Resources"). */
function resourceRows() {
    return [
        onResource(232006, 'chat', 'not-found', {
            meaning: 'no chat with this id that the app can see',
            fix: c => `Check the chat id; a chat the app's bot is not in may be invisible to it. ${shareFix(c)}`
        }),
        onResource(232009, 'chat', 'not-found', { meaning: 'the chat was dissolved' }),
        onResource(232010, 'chat', 'other', {
            meaning: 'the chat belongs to another tenant',
            fix: () => "An app reaches only the chats of its own tenant: check the chat id in 'required-access'."
        }),
        onResource(232025, 'chat', 'no-bot'),
        onResource(232033, 'chat', 'other', {
            meaning: 'this is an external chat, and the app lacks the scope for external chats',
            fix: c => `Enable the scope for external chats on ${permissionPage(c)} and ${publishVersion(c)}, or check an internal chat.`
        }),
        onResource(232034, 'chat', 'other', {
            meaning: 'the app is not installed in the tenant, or is disabled there',
            fix: c => say(disabledOrNotInstalled.fix, c),
            everyCall: true
        }),
        onResource(91403, 'base', 'no-access'),
        onResource(91402, 'base', 'not-found', {
            meaning: 'no Base has this token',
            fix: () => "Check the Base's link in 'required-access'. If the Base lives in a wiki, list the link the browser shows for it (https://…/wiki/…): " +
                "the token of a wiki link is the page's, not the Base's, and the action finds the Base through the page."
        }),
        onResource(1254302, 'base', 'advanced-permissions'),
        onResource(1254040, 'base', 'not-found'),
        onResource(1254003, 'base', 'not-found', { meaning: 'this is not a valid Base token' }),
        onResource(1770032, 'docx', 'no-access'),
        onResource(1770002, 'docx', 'not-found'),
        onResource(1770003, 'docx', 'not-found', { meaning: 'the document was deleted', fix: restoreFix }),
        onResource(1310213, 'sheet', 'no-access'),
        onResource(1310214, 'sheet', 'not-found'),
        onResource(1310249, 'sheet', 'not-found', { meaning: 'the spreadsheet was deleted', fix: restoreFix }),
        onResource(131006, 'wiki', 'not-member'),
        onResource(131005, 'wiki', 'not-found'),
        onResource(970003, 'folder', 'no-access'),
        onResource(970005, 'folder', 'not-found'),
        onResource(970002, 'folder', 'not-found', { meaning: 'this is not a Drive folder' }),
        onResource(191002, 'calendar', 'no-access'),
        onResource(191000, 'calendar', 'not-found'),
        onResource(191001, 'calendar', 'not-found', { meaning: 'this is not a valid calendar id' }),
        onResource(191003, 'calendar', 'not-found', {
            meaning: 'the calendar was deleted',
            fix: () => "Take it out of 'required-access', or share another calendar with the app."
        }),
        onResource(190007, 'calendar', 'no-bot'),
        onResource(1063001, undefined, 'not-found', {
            meaning: c => c.call === 'edit'
                ? 'the check of edit rights found no such document of this kind'
                : `no such ${c.resource ? RESOURCE_KINDS[c.resource.kind].noun : 'object'}, or its token is of another kind`
        }),
        onResource(1063005, undefined, 'not-found', { meaning: 'the document was deleted', fix: restoreFix })
    ];
}

;// CONCATENATED MODULE: ./src/words/network.ts



const NETWORK = {
    ENOTFOUND: { words: 'the host name could not be resolved (DNS)', retried: false },
    EAI_AGAIN: { words: 'the host name could not be resolved right now (DNS)', retried: true },
    ECONNREFUSED: { words: 'the connection was refused', retried: true },
    ECONNRESET: { words: 'the connection was reset', retried: true },
    ECONNABORTED: { words: 'the connection was aborted', retried: true },
    ETIMEDOUT: { words: 'the connection timed out', retried: true },
    EPIPE: { words: 'the connection was closed while sending', retried: true },
    EHOSTUNREACH: { words: 'the host is unreachable', retried: true },
    ENETUNREACH: { words: 'the network is unreachable', retried: true }
};
const UNKNOWN_NETWORK = { words: 'the request failed on the network', retried: false };
const networkRow = (errno) => NETWORK[errno] ?? UNKNOWN_NETWORK;
/** Certificate and handshake errors: a retry meets the same certificate. */
const isTlsErrno = (errno) => /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET/.test(errno);
const EXTRA_CA = "If a proxy on this runner intercepts TLS, give its CA certificate to Node with the NODE_EXTRA_CA_CERTS environment variable (the path of a PEM file, in the job's env:)";
/** Why Node's HTTP parser refused an answer, by its HPE_ code. */
const HTTP_PARSER = {
    HPE_HEADER_OVERFLOW: "its headers are larger than Node's limit",
    HPE_UNEXPECTED_CONTENT_LENGTH: 'it has conflicting Content-Length headers',
    HPE_INVALID_CONTENT_LENGTH: 'its Content-Length is not a number',
    HPE_INVALID_HEADER_TOKEN: 'a header has characters headers cannot have',
    HPE_INVALID_CONSTANT: 'it does not start as an HTTP answer does',
    HPE_INVALID_TRANSFER_ENCODING: 'its Transfer-Encoding is not valid',
    HPE_INVALID_CHUNK_SIZE: 'a chunk size is not valid'
};
const hostOf = (c) => new URL(c.endpoint.baseUrl).host;
const proxyOf = (c) => (c.route?.via === 'proxy' ? c.route.proxy : undefined);
/** "the proxy proxy.corp:3128 (from HTTPS_PROXY)": never its credentials. */
const proxyName = (c) => {
    const proxy = proxyOf(c);
    return proxy ? `the proxy ${proxy.host} (from ${proxy.variable})` : 'the proxy';
};
/** What each kind of certificate failure means for `host`, and the remedy that can help with it. */
function tlsWords(errno, host) {
    if (errno === 'ERR_TLS_CERT_ALTNAME_INVALID' || errno === 'HOSTNAME_MISMATCH') {
        return (`the TLS certificate ${host} presented is trusted but does not name ${host}, so it may belong to another server. ` +
            "Check that 'base-url' uses the host name the server's certificate is issued for; if a proxy intercepts TLS, " +
            `its certificate for ${host} is wrong. Adding a CA (NODE_EXTRA_CA_CERTS) cannot fix a name mismatch.`);
    }
    if (errno === 'CERT_HAS_EXPIRED' || errno === 'CERT_NOT_YET_VALID') {
        return (`the TLS certificate of ${host} is ${errno === 'CERT_HAS_EXPIRED' ? 'expired' : 'not yet valid'}. ` +
            "Check the runner's clock (a wrong date makes good certificates look expired); otherwise whoever runs that server, " +
            'or the proxy that intercepts TLS, must renew its certificate.');
    }
    if (errno === 'DEPTH_ZERO_SELF_SIGNED_CERT' || errno === 'SELF_SIGNED_CERT_IN_CHAIN') {
        return (`${host} presented a self-signed certificate, which no public CA vouches for: a test server, or a proxy that ` +
            `intercepts TLS. ${EXTRA_CA}; never turn verification off.`);
    }
    if (/^UNABLE_TO_(VERIFY_LEAF_SIGNATURE|GET_ISSUER_CERT)/.test(errno)) {
        return `the TLS certificate of ${host} is signed by a CA this runner does not trust. ${EXTRA_CA}.`;
    }
    return `the TLS handshake with ${host} failed. Check 'base-url', and any proxy between the runner and ${host}. ${EXTRA_CA}.`;
}
/** Why requests went direct, and what to change, for a failed direct connection. */
function directAdvice(c, host) {
    const route = c.route;
    if (route?.via === 'direct' && route.why === 'no-proxy') {
        return (`The request went direct, not through the proxy of ${route.variable}, because the entry ${quote(route.entry, 100)} of ${route.list} ` +
            `matches ${host}: if this runner reaches ${host} only through the proxy, take that entry out of ${route.list}.`);
    }
    if (route?.via === 'direct' && route.why === 'loopback')
        return `Check that the server at ${host} is running.`;
    return `Check 'region' / 'base-url', and that this runner can reach ${host} (behind a corporate proxy, set HTTPS_PROXY in the job's env:).`;
}
/** A connection to the API that failed: TLS, or the network, direct or through the proxy. */
function networkWords(f, c) {
    const host = hostOf(c);
    if (isTlsErrno(f.errno))
        return tlsWords(f.errno, host);
    const { words } = networkRow(f.errno);
    const proxy = proxyOf(c);
    if (proxy) {
        return (`${words} while connecting to ${host} through the proxy ${proxy.host}. Check that the proxy (${proxy.variable}) ` +
            `is up and lets this runner reach ${host}, or list ${host} in NO_PROXY to go direct.`);
    }
    return `${words} while connecting to ${host}. ${directAdvice(c, host)}`;
}
/** The way to the proxy, or the CONNECT exchange with it, failed: its certificate, its HTTP, or the network. */
function proxyNetworkWords(f, c) {
    const proxy = proxyName(c);
    const variable = proxyOf(c)?.variable ?? 'HTTPS_PROXY';
    if (isTlsErrno(f.errno)) {
        return (`the TLS certificate of ${proxy} could not be verified. Check that ${variable} names the proxy you mean (https:// ` +
            "only for a proxy that speaks TLS itself), and if its certificate comes from your company's CA, give that CA to Node " +
            'with the NODE_EXTRA_CA_CERTS environment variable.');
    }
    if (f.errno.startsWith('HPE_')) {
        return (`${proxy} did not answer CONNECT as an HTTP proxy does (${HTTP_PARSER[f.errno] ?? "Node's HTTP parser refused its answer"}). ` +
            `Check that ${variable} points at the port of an HTTP(S) proxy, with the right scheme.`);
    }
    return (`${networkRow(f.errno).words} while connecting to ${proxy}, before anything reached ${hostOf(c)}. ` +
        `Check that ${variable} names a proxy that is up and that this runner can reach, or list ${hostOf(c)} in NO_PROXY to go direct.`);
}
/** The proxy answered CONNECT with another status than 200. */
function proxyRefusedWords(f, c) {
    const host = hostOf(c);
    const variable = proxyOf(c)?.variable ?? 'HTTPS_PROXY';
    const auth = f.status === 407;
    return (`the proxy ${proxyOf(c)?.host ?? ''} refused to open a tunnel to ${host} (HTTP ${f.status}${auth ? ', proxy authentication required' : ''}). ` +
        (auth
            ? `Check the user name and password in ${variable} (percent-encoded), or list the host in NO_PROXY to go direct.`
            : `Check that the proxy lets this runner reach ${host}, or list it in NO_PROXY to go direct.`));
}
/**
 * Time ran out: before the request was sent (the step's deadline had passed: the budget is to blame, not the
 * network), while the proxy opened the tunnel, or while waiting for the answer. `waited`: why a request sent late
 * waited (a resource check's turn).
 */
function timeoutWords(f, c, waited) {
    const seconds = f.timeoutMs / 1000;
    if (f.notSent) {
        const why = waited?.why ?? 'the requests before it used the time';
        return `not sent: the deadline set by 'timeout-seconds' (${seconds} s, retries included) had passed before its turn came (${why}). ${waited?.fix ?? "Raise 'timeout-seconds'."}`;
    }
    const limit = f.limit === 'attempt'
        ? `${seconds} s, the limit for one attempt set by 'attempt-timeout-seconds', and the connection was dropped`
        : f.givenMs !== undefined
            ? `the ${Math.round(f.givenMs / 100) / 10} s it had left before the deadline set by 'timeout-seconds' (${seconds} s, retries included)`
            : `${seconds} s, the deadline set by 'timeout-seconds' (retries included)`;
    // The approval request is sent once: more attempts cannot help it.
    const once = SENT_ONCE.has(c.call);
    const raise = f.limit === 'step'
        ? "'timeout-seconds'"
        : once
            ? "'attempt-timeout-seconds'"
            : "'attempt-timeout-seconds', or 'max-attempts' and 'timeout-seconds' (the attempts share its deadline)";
    const advice = once
        ? `. This request is sent once and never retried: run the workflow again later, or raise ${raise}.`
        : `, or raise ${raise}.`;
    if (f.atProxy) {
        return (`${proxyName(c)} did not open a tunnel to ${hostOf(c)} within ${limit}. Check that ${proxyOf(c)?.variable ?? 'HTTPS_PROXY'} ` +
            `names a proxy that is up and lets this runner reach ${hostOf(c)}${advice}`);
    }
    return `${serverName(c.endpoint)} did not answer within ${limit}. Check the runner's network and proxy${advice}`;
}
/** The route in one line, for the debug log of every run. */
function describeRoute(route, host) {
    if (route.via === 'proxy')
        return `Requests to ${host} go through the proxy ${route.proxy.host} (from ${route.proxy.variable}).`;
    switch (route.why) {
        case 'no-proxy-variable':
            return (`Requests to ${host} go direct: ${route.variable} is not set` +
                `${route.other ? ` (${route.other} is, but it is for ${route.variable === 'HTTPS_PROXY' ? 'http://' : 'https://'} requests)` : ''}.`);
        case 'loopback':
            return `Requests to ${host} go direct: it is a loopback address, which is never proxied (${route.variable} is set).`;
        case 'no-proxy':
            return `Requests to ${host} go direct, not through the proxy of ${route.variable}: the entry ${quote(route.entry, 100)} of ${route.list} matches it.`;
    }
}
/** What makes a proxy setting unusable, in words; never its value. */
const PROXY_PROBLEMS = {
    'not-url': () => 'it is not a URL',
    'port-out-of-range': p => `its port ${p.port} is out of range (1-65535)`,
    scheme: p => `its scheme is ${p.scheme}, but only HTTP(S) proxies (CONNECT) are supported`,
    'no-host': () => 'it has no host',
    'bad-escape': () => 'its user name or password has a bad percent-escape (a % not followed by two hex digits)',
    'has-path': () => 'it has a path, query or fragment: give only the scheme, host and port'
};
/** A proxy variable set to something that cannot be used, and how to set it. */
function proxySettingWords(variable, problem) {
    const why = PROXY_PROBLEMS[problem.kind](problem);
    return (`Environment variable '${variable}' is set, but the proxy in it cannot be used: ${why}. ` +
        'Set it to an HTTP(S) proxy URL such as http://proxy.example.com:3128 (credentials as http://user:password@host:port, ' +
        'percent-encoded), or unset it; list hosts that must go direct in NO_PROXY.');
}

;// CONCATENATED MODULE: ./src/words/failures.ts





/** Overloaded or failing gateways may do better on the next attempt; anything else will say the same again. */
const retriedByStatus = (status) => status === 429 || status >= 500;
const ERROR_CODE_LIST = 'https://open.feishu.cn/document/server-docs/getting-started/server-error-codes';
/** A Feishu code: its row's words, or, for a code this action does not know, what it most likely means on this call. */
function feishuWords(f, c) {
    const row = codeRow(f.code, f.msg);
    const facts = [`code ${f.code}`, `msg ${quote(f.msg)}`, `HTTP ${f.status}`];
    if (f.troubleshooter)
        facts.push(`troubleshooter ${f.troubleshooter}`);
    if (f.scopes && f.scopes.length > 0)
        facts.push(`scopes named: ${f.scopes.join(', ')}`);
    if (row)
        return { text: `${say(row.meaning, { ...c, msg: f.msg })}. ${say(row.fix, { ...c, msg: f.msg })}`, facts };
    // A code the call's own words could explain only when the server meant it: an overloaded gateway's (429, 5xx) is not.
    const hint = retriedByStatus(f.status) ? undefined : CALLS[c.call].unknownCode?.(c);
    return {
        text: `${serverName(c.endpoint)} answered with an error this action does not know. ${hint ? `${hint} ` : ''}` +
            `Look the code up in the Open Platform error code list (${ERROR_CODE_LIST}), or give the log id to Feishu support.`,
        facts
    };
}
const FAILURE_KINDS = {
    feishu: {
        retried: f => {
            const retry = codeRow(f.code, f.msg)?.retry;
            return retry === 'never' ? false : retry === 'always' || retriedByStatus(f.status);
        },
        short: f => `code ${f.code} (HTTP ${f.status})`,
        explain: feishuWords
    },
    network: {
        retried: f => !isTlsErrno(f.errno) && networkRow(f.errno).retried,
        short: f => f.errno,
        explain: (f, c) => ({ text: networkWords(f, c), facts: [f.errno] })
    },
    'proxy-network': {
        retried: f => !isTlsErrno(f.errno) && !f.errno.startsWith('HPE_') && networkRow(f.errno).retried,
        short: f => `proxy: ${f.errno}`,
        explain: (f, c) => ({ text: proxyNetworkWords(f, c), facts: [f.errno] })
    },
    'proxy-refused': {
        // A proxy that could not reach the server, or is overloaded, may do better next time.
        retried: f => f.status >= 500,
        short: f => `the proxy answered ${f.status}`,
        explain: (f, c) => ({ text: proxyRefusedWords(f, c), facts: [] })
    },
    timeout: {
        retried: () => true,
        short: f => f.notSent
            ? 'not sent: no time left'
            : f.atProxy
                ? 'no tunnel from the proxy in time'
                : f.limit === 'attempt'
                    ? `no answer in ${f.timeoutMs / 1000} s`
                    : 'no answer in time',
        explain: (f, c) => ({
            text: timeoutWords(f, c, c.resource && {
                why: pacing(c.resource.kind),
                fix: "Raise 'timeout-seconds', or list fewer resources."
            }),
            facts: []
        })
    },
    'bad-http': {
        retried: () => false,
        short: f => `not valid HTTP (${f.code})`,
        explain: (f, c) => ({
            text: `${serverName(c.endpoint)} sent an answer that is not valid HTTP (${HTTP_PARSER[f.code] ?? "Node's HTTP parser refused it"}), ` +
                `so it cannot be used. Check 'base-url' and any proxy or gateway between the runner and ${hostOf(c)}.`,
            facts: [f.code]
        })
    },
    redirect: {
        retried: () => false,
        short: f => `HTTP ${f.status}`,
        explain: (f, c) => ({
            text: `${serverName(c.endpoint)} answered with a redirect${f.location ? ` to ${redirectTarget(f.location, c.endpoint.baseUrl)}` : ''}. ` +
                "The action never follows redirects, so the App Secret and token are never sent to another host: point 'base-url' (or 'region') at the API host itself.",
            facts: [`HTTP ${f.status}`]
        })
    },
    'not-json': {
        retried: f => retriedByStatus(f.status),
        short: f => `HTTP ${f.status}, not JSON`,
        explain: (f, c) => ({
            text: `${serverName(c.endpoint)} answered with ${f.bytes === 0 ? 'an empty body' : 'a body that is not JSON'}` +
                `${f.contentType ? ` (content type ${quote(f.contentType, 100)})` : ''}, so it is probably not the Open Platform API, ` +
                `or a proxy or gateway answered in its place${f.status >= 500 ? ' with an error page' : ''}. Check 'base-url' and any proxy between the runner and ${hostOf(c)}.`,
            facts: [`HTTP ${f.status}`, `${f.bytes} bytes`]
        })
    },
    http: {
        retried: f => retriedByStatus(f.status),
        short: f => `HTTP ${f.status}`,
        explain: (f, c) => ({
            text: `${serverName(c.endpoint)} answered HTTP ${f.status} without an Open Platform error code${f.status >= 500 ? ': the service or a gateway in front of it is having trouble; try again later' : ''}.`,
            facts: [`HTTP ${f.status}`]
        })
    },
    'too-large': {
        retried: () => false,
        short: f => `HTTP ${f.status}`,
        explain: (f, c) => ({
            text: `${serverName(c.endpoint)} sent a body larger than ${f.limitBytes / 1024 / 1024} MiB; the action stopped reading. No Open Platform answer is that large: check 'base-url' and any proxy.`,
            facts: [`HTTP ${f.status}`]
        })
    },
    truncated: {
        retried: () => true,
        short: f => `connection closed mid-answer (HTTP ${f.status})`,
        explain: (f, c) => ({ text: `the connection to ${hostOf(c)} closed before the whole answer arrived.`, facts: [`HTTP ${f.status}`] })
    },
    'no-code': {
        retried: () => false,
        short: f => `HTTP ${f.status}, no code`,
        explain: (f, c) => ({
            text: `${serverName(c.endpoint)} answered with JSON that has no numeric 'code', so it is not an Open Platform answer. Check 'base-url' and any proxy or gateway between the runner and ${hostOf(c)}.`,
            facts: [`HTTP ${f.status}`]
        })
    },
    malformed: {
        retried: () => false,
        short: f => `HTTP ${f.status}`,
        explain: (f, c) => ({
            text: `${serverName(c.endpoint)} answered code 0 but ${f.detail}, so the answer cannot be used. Check 'base-url'.`,
            facts: [`HTTP ${f.status}`]
        })
    }
};
const failureRowOf = (failure) => FAILURE_KINDS[failure.kind];
const CALLS = {
    token: { what: () => 'Could not get a tenant access token' },
    scopes: { what: () => "Could not list the app's scopes" },
    apply: { what: () => "Could not ask the tenant admin to approve the app's pending scopes" },
    bot: {
        what: () => "Could not check the app's bot",
        // Feishu does not document every code an app without a bot gets here.
        unknownCode: c => `If the app has no bot: ${enableBot(c)}.`
    },
    access: { what: c => `Could not check ${c.resource ? resourceName(c.resource) : 'a resource'}` },
    edit: { what: c => `Could not check the edit rights on ${c.resource ? resourceName(c.resource) : 'a resource'}` }
};
/** Whether another attempt can help. */
const isRetried = (failure) => failureRowOf(failure).retried(failure);
/** One short phrase, for a retry line or a debug line. */
const shortFailure = (failure) => failureRowOf(failure).short(failure);
/** How a failure is logged when the call's answer is only reported, not acted on. */
const reportLevel = (failure) => (failure.kind === 'feishu' && codeRow(failure.code, failure.msg)?.level) || 'warning';
/** The whole sentence: which call failed (about which resource), what it means and what to do, then the facts and the log id. */
function describeFailure(error, context, resource) {
    const c = { ...context, call: error.call, ...(resource && { resource }) };
    const { text, facts } = failureRowOf(error.failure).explain(error.failure, c);
    const all = error.logId ? [...facts, `log id ${error.logId}`] : facts;
    return `${CALLS[error.call].what(c)}: ${text}${all.length > 0 ? ` (${all.join(', ')})` : ''}`;
}
/** Where a redirect points, resolved as a client would (`//host/x` and `/\\host` are other hosts). */
function redirectTarget(location, baseUrl) {
    let target;
    try {
        target = new URL(location, baseUrl);
    }
    catch {
        return `a location that is not a URL (${quote(location, 100)})`;
    }
    // A parsed host has no spaces, controls or credentials: safe to show as it is.
    return target.host === new URL(baseUrl).host ? `another path on the same host (${quote(target.pathname, 100)})` : target.host;
}
/** Why a resource check waited for its turn: the checks go a few at a time, and its kind within its rate limit. */
function pacing(kind) {
    const { noun, perSecond } = RESOURCE_KINDS[kind];
    return `the checks go a few at a time${perSecond === undefined ? '' : `, ${noun}s at most ${perSecond} a second`}`;
}

;// CONCATENATED MODULE: ./src/words/gate.ts



/** The failure and warnings the gate's verdict says: one message for what fails the step, one per warning. */
function gateWords(verdict, check, rules) {
    // The grant link closes the last message that lists something to grant.
    const linked = verdict.grantLink ? (check.missingCalls.length > 0 ? 'calls' : 'missing') : undefined;
    const message = (finding) => {
        const link = finding === linked ? verdict.grantLink : undefined;
        if (finding === 'missing')
            return missingScopesMessage(check, rules, link);
        return finding === 'calls' ? missingCallsMessage(check, rules, link) : unexpectedScopesMessage(check, rules);
    };
    const failing = verdict.failing.map(message);
    return { ...(failing.length > 0 && { failure: failing.join('\n\n') }), warnings: verdict.warning.map(message) };
}
/** "The required scope is granted." or "All 3 required scopes are granted." */
function allGrantedMessage(check) {
    const count = check.statuses.length;
    return count === 1 ? 'The required scope is granted.' : `All ${count} required scopes are granted.`;
}
/** A required scope the token carries through a broader one: which, for the log. */
const coveredMessage = ({ scope, by }) => `The required scope ${scope} is granted through ${by}, which allows every call ${scope} allows.`;
/** "The app can make the required call." or "... all 5 required calls.", with the scope that allows each. */
function allCallsMessage(check) {
    const count = check.calls.length;
    return `The app can make ${count === 1 ? 'the required call' : `all ${count} required calls`}: ${check.calls.map(callWithScope).join('; ')}.`;
}
const callWithScope = ({ required, held }) => `${callTitle(required)} with ${held ?? 'no scope (it needs none)'}`;
/** A call as the lines about it name it: its label, quoted, then the call as written (and the call it is, when written otherwise). */
function callTitle({ label, written, call }) {
    const template = `${call.method} ${call.path}`;
    const named = written === template ? written : `${written}, that is ${template}`;
    return label ? `${quote(label, 80)} (${named})` : named;
}
/** Why a required scope is missing: the same words in the error and in the job summary. */
const MISSING_REASONS = {
    'awaiting-approval': 'configured on the app but not granted by the tenant',
    'unknown-type': 'listed only with a scope_type this action does not know, so it is not counted as carried by a tenant token',
    'user-only': 'enabled for users only (the user identity), so a tenant token does not carry it',
    retired: 'a name the developer console has retired: it merged it into another scope',
    unknown: "not a scope Feishu's API catalogue knows, nor one configured on the app",
    'not-configured': 'not configured on the app'
};
/** What to do about a missing scope, for its reason: the same words in the error and in the job summary. */
function missingFix({ status, into, nearest }, rules) {
    const c = { appId: rules.appId, endpoint: rules.endpoint };
    switch (status) {
        case 'awaiting-approval':
            return rules.requestApproval
                ? "the tenant admin must approve it ('request-approval: true' asks them once; its own line says whether the request went through)"
                : "ask the tenant admin to approve it, or set 'request-approval: true' to have the action ask them";
        case 'unknown-type':
            return `check it on ${permissionPage(c)}: enable it for the app identity, then ${publishVersion(c)}`;
        case 'user-only':
            return `enable it for the app identity on ${permissionPage(c)}, then ${publishVersion(c)}`;
        case 'retired':
            return `require ${into} instead in 'required-scopes'`;
        case 'unknown': {
            // The catalogue holds the scopes of API calls only: a scope that only events use is real but not in it.
            const spelling = nearest && nearest.length > 0
                ? `check its spelling (the nearest ${nearest.length === 1 ? 'name' : 'names'} the catalogue knows: ${nearest.join(', ')})`
                : 'check its spelling';
            return `${spelling}; a scope that only events use (receiving messages, say) is not in the catalogue: add it on ${permissionPage(c)}, then ${publishVersion(c)}`;
        }
        case 'not-configured':
            return `add it on ${permissionPage(c)}, then ${publishVersion(c)}`;
    }
}
const grantLine = (count, shown, link) => link ? [`Grant ${count > shown ? `the first ${shown}` : count === 1 ? 'it' : 'them'} in one click: ${link}`] : [];
/** "3 of 5 required scopes are missing", or, of one, "The required scope is missing". */
const countOf = (missing, total, noun, verb) => total === 1 ? `The required ${noun} ${verb[0]}` : `${missing} of ${total} required ${noun}s ${missing === 1 ? verb[0] : verb[1]}`;
/** The required scopes that are missing, each with its reason and fix, then the grant link when it closes this message. */
function missingScopesMessage(check, rules, link) {
    const missing = check.statuses.filter((s) => s.status !== 'granted' && s.status !== 'covered');
    const { rows, more } = firstRows(missing);
    return [
        `${countOf(missing.length, check.statuses.length, 'scope', ['is missing', 'are missing'])} for app ${rules.appId}:`,
        ...rows.map(entry => `- ${entry.scope}: ${MISSING_REASONS[entry.status]}: ${missingFix(entry, rules)}.`),
        ...(more > 0 ? [`- and ${more} more: the 'missing-scopes' output lists them`] : []),
        ...grantLine(check.toGrant.length, firstRows(check.toGrant).rows.length, link)
    ].join('\n');
}
/** Why a required call cannot be made: the same words in the error and in the job summary. */
function callReason({ status, required, awaiting, grant }) {
    const scopes = required.call.scopes.join(', ');
    switch (status) {
        case 'awaiting-approval': {
            // One scope is the subject, so the fix's "approve it" reads right; the others allow the call as well.
            const [first, ...others] = awaiting;
            const also = others.length > 0 ? ` (or ${others.join(', or ')}, which ${others.length === 1 ? 'allows' : 'allow'} it too)` : '';
            return `its scope ${first}${also} awaits the tenant admin's approval`;
        }
        case 'user-only':
            return `of the scopes that allow it (${scopes}), the app has some for users only (the user identity), which a tenant token does not carry: grant ${grant}`;
        case 'unknown-type':
            return `of the scopes that allow it (${scopes}), the app has some only under a scope_type this action does not know: grant ${grant}`;
        case 'not-configured':
            return `the app holds none of the scopes that allow it (${scopes}): grant ${grant}, the narrowest`;
    }
}
/** The required calls the token cannot make, each with why and what to do, then the grant link. */
function missingCallsMessage(check, rules, link) {
    const missing = check.calls.filter((c) => c.status !== 'allowed');
    const { rows, more } = firstRows(missing);
    return [
        `${countOf(missing.length, check.calls.length, 'call', ['cannot be made', 'cannot be made'])} by app ${rules.appId}:`,
        ...rows.map(c => `- ${callTitle(c.required)}: ${callReason(c)}: ${missingFix(c, rules)}.`),
        ...(more > 0 ? [`- and ${more} more: the 'missing-calls' output lists them`] : []),
        catalogueNote(check, rules),
        ...grantLine(check.toGrant.length, firstRows(check.toGrant).rows.length, link)
    ].join('\n');
}
/** Where the scopes of each call come from, and what to do where Lark's differ. */
function catalogueNote(check, rules) {
    const source = `The scopes that allow each call are those of Feishu's API catalogue of ${check.catalogueDate?.slice(0, 10) ?? 'its snapshot'}.`;
    return rules.endpoint.region === 'lark'
        ? `${source} Lark names the same scopes for nearly every call; if Lark's documentation names another for a call, take the call out of 'required-calls' and list that scope in 'required-scopes'.`
        : source;
}
/** The scopes configured on the app that nothing required needs (least privilege). */
function unexpectedScopesMessage(check, rules) {
    const count = check.unexpected.length;
    const { rows, more } = firstRows(check.unexpected);
    const c = { appId: rules.appId, endpoint: rules.endpoint };
    const required = check.calls.length > 0 ? "'required-scopes' or needed by 'required-calls'" : "'required-scopes'";
    return [
        `${count} scope${count === 1 ? ' is' : 's are'} configured on app ${rules.appId} but not in ${required} (least privilege: a tenant token carries every scope the app holds):`,
        ...rows.map(({ scope, status, narrower }) => `- ${scope}: ${status === 'granted' ? 'granted' : 'awaiting approval'}${narrower ? `; the required calls it allows are allowed by the narrower ${narrower}` : ''}`),
        ...(more > 0 ? [`- and ${more} more: the 'unexpected-scopes' output lists them`] : []),
        `Remove ${count === 1 ? 'it' : 'them'} on ${permissionPage(c)} and ${publishVersion(c)}, ` +
            `or add ${count === 1 ? 'it' : 'them'} to 'required-scopes' if the workflow needs ${count === 1 ? 'it' : 'them'}.`
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/steps/gate.ts
// The scope gate: the app's scopes as the tenant token carries them, compared with 'required-scopes'; the approval
// request when asked; the scope outputs; and the verdict, said by src/words/gate.ts.









/** Lists the app's scopes, asks for approval when told to, sets the scope outputs, and passes, warns or fails. */
async function scopeGate(step, token) {
    const { log, config, client, policy } = step;
    const listed = await withRetry(left => client.scopes(token, left), policy);
    const check = checkScopes(config.requiredScopes, listed.scopes, { calls: config.requiredCalls, catalogue: loadCatalogue });
    sayWhatWasLeftOut(check, log);
    const awaiting = [...check.statuses, ...check.calls].some(({ status }) => status === 'awaiting-approval');
    const approval = config.requestApproval && awaiting ? await askForApproval(step, token) : undefined;
    setScopeOutputs(step, check, approval);
    const verdict = gateVerdict(check, config);
    const { failure, warnings } = gateWords(verdict, check, config);
    sayWhatHolds(check, log);
    for (const warning of warnings)
        log.warning(warning);
    const gate = {
        check,
        onMissing: config.onMissingScopes,
        onUnexpected: config.onUnexpectedScopes,
        requestApproval: config.requestApproval,
        ...(verdict.grantLink && { grantLink: verdict.grantLink }),
        ...(approval && { approval })
    };
    return { outcome: verdict.outcome, ...(failure && { failure }), gate };
}
/** What the token carries of what is required: every scope and call held, and the scopes held through broader ones. */
function sayWhatHolds(check, log) {
    for (const covered of check.statuses.filter(({ by }) => by !== undefined))
        log.info(coveredMessage(covered));
    if (check.statuses.length > 0 && check.missing.length === 0)
        log.info(allGrantedMessage(check));
    if (check.calls.length > 0 && check.missingCalls.length === 0)
        log.info(allCallsMessage(check));
}
/** Names the server listed that are not scope names, and scope types this action does not know. */
function sayWhatWasLeftOut(check, log) {
    if (check.ignored.length > 0) {
        log.debug(`Left out ${check.ignored.length} listed name(s) that are not scope names: ${check.ignored
            .slice(0, 10)
            .map(name => quote(name, 60))
            .join(', ')}`);
    }
    if (check.unknownTypes.length > 0) {
        log.warning(`Feishu listed scopes with a scope_type this action does not know (${check.unknownTypes
            .slice(0, 10)
            .map(type => quote(type, 40))
            .join(', ')}): they are not counted as carried by the tenant token, and the least-privilege audit counts them as the app's.`);
    }
}
/**
 * The scope outputs and 'approval-requested'. Whatever the server lists, the lists fit the action's share of the job's
 * outputs, leaving room for what is still to come: a few hundred bytes (app-name, bot-open-id) and 'missing-access',
 * at most every entry of 'required-access'.
 */
function setScopeOutputs({ setOutput, outputBytesLeft, log, config }, check, approval) {
    const fitted = {
        'granted-scopes': check.granted,
        'missing-scopes': check.missing,
        'unexpected-scopes': check.unexpected.map(({ scope }) => scope),
        ...(config.requiredCalls.length > 0 && { 'missing-calls': check.missingCalls })
    };
    const lists = fitLists(fitted, outputBytesLeft() - 2048 - outputSize(JSON.stringify(config.requiredAccess.map(({ entry }) => entry))));
    for (const name of Object.keys(fitted))
        setOutput(name, lists.values[name]);
    for (const { name, kept, total } of lists.cut) {
        log.warning(`The '${name}' output holds the first ${kept} of its ${total} ${name === 'missing-calls' ? 'calls' : 'scopes'} (sorted): all outputs of a job share GitHub's 1 MiB, ` +
            `and the action keeps its own within ${OUTPUTS_BUDGET_BYTES / 1024} KiB.`);
    }
    setOutput('approval-requested', String(approval?.requested ?? false));
}
/** Asks the tenant admin to approve the pending scopes, once. Its answer never changes the gate's outcome. */
async function askForApproval({ log, redact, context, client, policy }, token) {
    try {
        await client.requestApproval(token, policy.deadlineAt - policy.now());
        const text = "Asked the tenant admin to approve the app's pending scopes. The request covers every scope of the app that awaits " +
            'approval, and an app may send at most 10 per version.';
        log.info(text);
        return { requested: true, text };
    }
    catch (error) {
        if (!(error instanceof RequestError))
            throw error;
        const text = redact(describeFailure(error, context));
        // Already asked, or nothing to ask for: information, not a problem.
        if (reportLevel(error.failure) === 'info')
            log.info(text);
        else
            log.warning(text);
        return { requested: false, text };
    }
}

;// CONCATENATED MODULE: ./src/words/bot.ts



const ACTIVATION = [
    {
        status: 0,
        meaning: 'the app is initialised but not yet installed in the tenant',
        fix: c => `${capitalise(publishVersion(c))} (${appConsoleUrl(c.endpoint, c.appId)}) and have the tenant admin install and enable it.`
    },
    {
        status: 1,
        meaning: 'the tenant admin has disabled the app',
        fix: () => `Ask the tenant admin to enable it again ${IN_ADMIN_CONSOLE}.`
    },
    { status: 2, meaning: 'the app is enabled', fix: () => '' },
    {
        status: 3,
        meaning: 'the app is installed but awaits enabling',
        fix: () => `Have the tenant admin enable it ${IN_ADMIN_CONSOLE}.`
    },
    {
        status: 4,
        meaning: 'the app was upgraded and the new version awaits enabling',
        fix: () => `Have the tenant admin enable the new version ${IN_ADMIN_CONSOLE}.`
    },
    {
        status: 5,
        meaning: 'the app is disabled because its licence expired',
        fix: () => `Have the tenant admin renew the app's licence ${IN_ADMIN_CONSOLE}, then enable it.`
    },
    {
        status: 6,
        meaning: "the app is disabled because the tenant's Lark plan expired or was downgraded",
        fix: () => 'Have the tenant admin renew or upgrade the plan, then enable the app.'
    }
];
/** The words for an activate_status, including one this table does not know. */
function activationRow(status) {
    return (ACTIVATION.find(row => row.status === status) ?? {
        status,
        meaning: 'the app is in a state this action does not know',
        fix: () => `Check the app's state ${IN_ADMIN_CONSOLE}: only an enabled app (activate_status 2) is usable.`
    });
}
/** Why an app that answered bot/v3/info is not usable (its activate_status is not 2), and what to do. */
function describeInactiveApp({ activateStatus, appName, logId }, context) {
    const { meaning, fix } = activationRow(activateStatus);
    return (`The app ${context.appId}${appName ? ` (${quote(appName, 80)})` : ''} is not usable in this tenant: ${meaning} ` +
        `(activate_status ${activateStatus}; only 2, enabled, is usable). ${fix(context)}${logId ? ` (log id ${logId})` : ''}`);
}

;// CONCATENATED MODULE: ./src/steps/bot.ts
// check-bot: the app's state in the tenant and its bot (bot/v3/info). The step fails unless the app is enabled.



/** Reads the app's state and its bot, and sets 'bot-open-id' and 'app-name'. Throws the RequestError of a failed request. */
async function botCheck({ setOutput, log, redact, context, client, policy }, token) {
    const info = await withRetry(left => client.botInfo(token, left), policy);
    const appName = info.appName === undefined ? undefined : redact(info.appName);
    if (info.activateStatus !== 2 || info.openId === undefined) {
        const problem = redact(describeInactiveApp({ ...info, ...(appName && { appName }) }, context));
        return { outcome: 'failed', failure: problem, bot: { ...(appName && { appName }), problem } };
    }
    setOutput('bot-open-id', info.openId);
    // Free text from the console, whole, without the characters that hide: plain text for env:, like any action's.
    setOutput('app-name', appName === undefined ? '' : plain(appName));
    log.info(`The app is enabled in the tenant: ${appName === undefined ? 'its name is not given' : quote(appName, 80)}; its bot is ${info.openId}.`);
    return { outcome: 'passed', bot: { ...(appName && { appName }), openId: info.openId } };
}

;// CONCATENATED MODULE: ./src/steps/error.ts
// What to say of an error that ended the run.



/** A bad input, a failed request, or a bug (its stack in debug only), in words. */
function failureWords(error, step, log) {
    if (error instanceof InputError)
        return error.message;
    if (error instanceof RequestError && step)
        return describeFailure(error, step.context);
    if (error instanceof Error && error.stack)
        log.debug(error.stack);
    return `Unexpected error: ${String(error)}`;
}

;// CONCATENATED MODULE: ./node_modules/yocto-queue/index.js
/*
How it works:
`this.#head` is an instance of `Node` which keeps track of its current value and nests another instance of `Node` that keeps the value that comes after it. When a value is provided to `.enqueue()`, the code needs to iterate through `this.#head`, going deeper and deeper to find the last value. However, iterating through every single item is slow. This problem is solved by saving a reference to the last value as `this.#tail` so that it can reference it to add a new value.
*/

class Node {
	value;
	next;

	constructor(value) {
		this.value = value;
	}
}

class Queue {
	#head;
	#tail;
	#size;

	constructor() {
		this.clear();
	}

	enqueue(value) {
		const node = new Node(value);

		if (this.#head) {
			this.#tail.next = node;
			this.#tail = node;
		} else {
			this.#head = node;
			this.#tail = node;
		}

		this.#size++;
	}

	dequeue() {
		const current = this.#head;
		if (!current) {
			return;
		}

		this.#head = this.#head.next;
		this.#size--;

		// Clean up tail reference when queue becomes empty
		if (!this.#head) {
			this.#tail = undefined;
		}

		return current.value;
	}

	peek() {
		if (!this.#head) {
			return;
		}

		return this.#head.value;

		// TODO: Node.js 18.
		// return this.#head?.value;
	}

	clear() {
		this.#head = undefined;
		this.#tail = undefined;
		this.#size = 0;
	}

	get size() {
		return this.#size;
	}

	* [Symbol.iterator]() {
		let current = this.#head;

		while (current) {
			yield current.value;
			current = current.next;
		}
	}

	* drain() {
		while (this.#head) {
			yield this.dequeue();
		}
	}
}

;// CONCATENATED MODULE: ./node_modules/p-limit/index.js


function pLimit(concurrency) {
	let rejectOnClear = false;

	if (typeof concurrency === 'object') {
		({concurrency, rejectOnClear = false} = concurrency);
	}

	validateConcurrency(concurrency);

	if (typeof rejectOnClear !== 'boolean') {
		throw new TypeError('Expected `rejectOnClear` to be a boolean');
	}

	const queue = new Queue();
	let activeCount = 0;

	const resumeNext = () => {
		// Process the next queued function if we're under the concurrency limit
		if (activeCount < concurrency && queue.size > 0) {
			activeCount++;
			queue.dequeue().run();
		}
	};

	const next = () => {
		activeCount--;
		resumeNext();
	};

	const run = async (function_, resolve, arguments_) => {
		// Execute the function and capture the result promise
		const result = (async () => function_(...arguments_))();

		// Resolve immediately with the promise (don't wait for completion)
		resolve(result);

		// Wait for the function to complete (success or failure)
		// We catch errors here to prevent unhandled rejections,
		// but the original promise rejection is preserved for the caller
		try {
			await result;
		} catch {}

		// Decrement active count and process next queued function
		next();
	};

	const enqueue = (function_, resolve, reject, arguments_) => {
		const queueItem = {reject};

		// Queue the internal resolve function instead of the run function
		// to preserve the asynchronous execution context.
		new Promise(internalResolve => { // eslint-disable-line promise/param-names
			queueItem.run = internalResolve;
			queue.enqueue(queueItem);
		}).then(run.bind(undefined, function_, resolve, arguments_)); // eslint-disable-line promise/prefer-await-to-then

		// Start processing immediately if we haven't reached the concurrency limit
		if (activeCount < concurrency) {
			resumeNext();
		}
	};

	const generator = (function_, ...arguments_) => new Promise((resolve, reject) => {
		enqueue(function_, resolve, reject, arguments_);
	});

	Object.defineProperties(generator, {
		activeCount: {
			get: () => activeCount,
		},
		pendingCount: {
			get: () => queue.size,
		},
		clearQueue: {
			value() {
				if (!rejectOnClear) {
					queue.clear();
					return;
				}

				const abortError = AbortSignal.abort().reason;

				while (queue.size > 0) {
					queue.dequeue().reject(abortError);
				}
			},
		},
		concurrency: {
			get: () => concurrency,

			set(newConcurrency) {
				validateConcurrency(newConcurrency);
				concurrency = newConcurrency;

				queueMicrotask(() => {
					// eslint-disable-next-line no-unmodified-loop-condition
					while (activeCount < concurrency && queue.size > 0) {
						resumeNext();
					}
				});
			},
		},
		map: {
			async value(iterable, function_) {
				const promises = [];

				try {
					Array.from(iterable, (value, index) => {
						const promise = generator(function_, value, index);
						promises.push(promise);
						return promise;
					});
				} catch (error) {
					// The iterable threw, so `Promise.all` never observes the already scheduled promises. Observe them here to avoid unhandled rejections.
					for (const promise of promises) {
						promise.catch(() => {}); // eslint-disable-line promise/prefer-await-to-then
					}

					throw error;
				}

				return Promise.all(promises);
			},
		},
	});

	return generator;
}

function limitFunction(function_, options) {
	const limit = pLimit(options);

	const limitedFunction = (...arguments_) => limit(() => function_(...arguments_));
	Object.defineProperty(limitedFunction, 'clearQueue', {
		value: limit.clearQueue,
	});

	return limitedFunction;
}

function validateConcurrency(concurrency) {
	if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
		throw new TypeError('Expected `concurrency` to be a number from 1 and up');
	}
}

;// CONCATENATED MODULE: ./src/checks/pacer.ts
// Keeping a kind of call within its rate limit, counted as the server counts it, and within the step's deadline.

/**
 * At most `limit` calls per `windowMs`, counted as the server counts them: a call may start only `windowMs` after
 * the answer of an earlier one (the server saw that call before it answered), so that however long each took to
 * arrive, no window at the server holds more than `limit`. There are `limit` turns: a call takes one that is free, or
 * waits for the earliest one an answered call frees. A wait that would end at or past the deadline is not waited: the
 * call runs at once as `late`. A call that was not sent (`notSent` says so of its error) gives its turn back as it
 * found it, so it takes no window.
 */
function pacer(limit, windowMs, clock, notSent) {
    const { now, sleep, deadlineAt } = clock;
    const slots = pLimit(limit);
    /** When each turn is free again, earliest first (a turn given back goes first); a turn not yet used is free now. */
    const freeAt = new Array(limit).fill(Number.NEGATIVE_INFINITY);
    return call => slots(async () => {
        // pLimit runs at most `limit` calls at once, each holding one turn: there is always one here.
        const turn = freeAt.shift();
        const late = turn >= deadlineAt;
        if (!late && turn > now())
            await sleep(turn - now());
        try {
            const result = await call(late);
            freeAt.push(now() + windowMs);
            return result;
        }
        catch (error) {
            if (notSent(error))
                freeAt.unshift(turn);
            else
                freeAt.push(now() + windowMs);
            throw error;
        }
    });
}

;// CONCATENATED MODULE: ./src/checks/access.ts
// Can the app reach the resources the automation uses ('required-access')? One read-only call a resource (its kind's,
// src/feishu/kinds.ts), and one more for edit rights, several at once on the run's one agent, each kind within its
// rate limit. Pure: what was found is data; src/words/access.ts puts it into words.





/** At most this many requests in flight at once: each new one opens a connection (or a proxy tunnel). */
const MAX_IN_FLIGHT = 8;
/** What a request not sent rejects with: withRetry never retries it (it is no RequestError). */
const STOPPED = new Error('not sent: every call of this run gets the answer that stopped the checks');
/** Whether a request's error says it never went out: stopped, or its turn came too late. */
const stoppedOrNotSent = (error) => error === STOPPED || wasNotSent(error);
const unpaced = call => call(false);
/**
 * Checks every resource: resolves with one result per resource, in the order given; never rejects for a failed
 * request (a bug still throws). Each request has the run's retry rules and deadline; a stalled attempt drops only
 * its own connection.
 */
async function checkAccess(resources, token, tools) {
    const checking = startChecking(token, tools);
    // Every check starts at once, before any answer: a check stops, if it must, where its request waits to be sent.
    return Promise.all(resources.map(resource => checkOne(resource, checking)));
}
function startChecking(token, tools) {
    const { policy, classify } = tools;
    const inFlight = pLimit(MAX_IN_FLIGHT);
    const pacers = new Map();
    const paced = (kind) => {
        const perSecond = RESOURCE_KINDS[kind].perSecond;
        if (perSecond === undefined)
            return unpaced;
        if (!pacers.has(kind))
            pacers.set(kind, pacer(perSecond, 1000, policy, stoppedOrNotSent));
        return pacers.get(kind);
    };
    let stop;
    const request = (resource, pace, call) => withRetry(() => (pace ? paced(resource.kind) : unpaced)(late => inFlight(async () => {
        if (stop)
            throw STOPPED;
        try {
            // A turn that comes after the deadline sends nothing: the client says so, as for any request too late.
            return await call(late ? 0 : policy.deadlineAt - policy.now());
        }
        catch (error) {
            // Set before the slot is free for the next request.
            if (error instanceof RequestError && classify(error).everyCall)
                stop ??= { error, resource };
            throw error;
        }
    })), 
    // Several checks retry at once: each retry line names its resource.
    { ...policy, onRetry: line => policy.onRetry(`${resourceName(resource)}: ${line}`) });
    return { tools, token, request, stoppedBy: () => stop };
}
/** One resource: its read call, then (read first, so "not found" and "not shared" keep their own words) its edit rights. */
async function checkOne(resource, checking) {
    const { client } = checking.tools;
    const unscoped = scopeProblem(resource, 'access', kindScopes(resource.kind), checking.tools);
    if (unscoped)
        return unscoped;
    try {
        const { value: found, logId } = await checking.request(resource, true, ms => client.read(checking.token, resource, ms));
        // A page that holds a Base, a document...: the object is what the automation uses, so it is checked as what it is.
        if (found && 'holds' in found)
            return checkOne({ ...resource, ...found.holds, inWiki: resource.id }, checking);
        if (found)
            return { resource, ...found, ...(logId && { logId }) };
    }
    catch (error) {
        return failed(resource, error, 'access', checking);
    }
    const type = RESOURCE_KINDS[resource.kind].edit;
    if (!resource.edit || type === undefined || type === 'role')
        return { resource };
    const unscopedEdit = scopeProblem(resource, 'edit', scopesOfCall(PERMISSION_CALL), checking.tools);
    if (unscopedEdit)
        return unscopedEdit;
    try {
        const { value: editable, logId } = await checking.request(resource, false, ms => client.canEdit(checking.token, resource.id, type, ms));
        return editable ? { resource } : { resource, problem: 'read-only', call: 'edit', ...(logId && { logId }) };
    }
    catch (error) {
        return failed(resource, error, 'edit', checking);
    }
}
/** Why no request can be made: no scope of the call granted (and some awaiting approval, or none configured). */
function scopeProblem(resource, call, scopes, { scopes: listed }) {
    if (listed === undefined || scopes.some(scope => listed.granted.has(scope)))
        return undefined;
    const awaiting = scopes.filter(scope => listed.awaiting.has(scope));
    return awaiting.length > 0
        ? { resource, problem: 'scope-awaiting', call, scopes: awaiting }
        : { resource, problem: 'no-scope', call, scopes };
}
/** A check's request failed: what its answer means for the resource, or that the checks were stopped. */
function failed(resource, error, call, { tools, stoppedBy }) {
    const stop = stoppedBy();
    // The check whose own answer stopped the others is the one that explains it, even when a retry of it met the stop.
    if (error === STOPPED) {
        return stop.resource === resource
            ? { resource, problem: 'failed', call, error: stop.error }
            : { resource, problem: 'not-checked', error: stop.error };
    }
    if (!(error instanceof RequestError))
        throw error;
    const { problem, everyCall } = tools.classify(error);
    // Explained once, for the request that got the answer first; the others in flight got the same (their log id).
    if (everyCall && error !== stop?.error) {
        return { resource, problem: 'not-checked', error: stop.error, ...(error.logId && { logId: error.logId }) };
    }
    if (problem && error.failure.kind === 'feishu') {
        return { resource, problem, call, error, ...(error.failure.scopes && { scopes: error.failure.scopes }) };
    }
    return { resource, problem: 'failed', call, error };
}
/**
 * The answer that refused a check as it refuses every call of the run (the IP allowlist, the other region), if one
 * did: then the app does not work from this runner at all, whatever 'on-missing-access' says.
 */
function refusedEveryCall(results, classify) {
    return results.find(({ error }) => error && classify(error).everyCall)?.error;
}

;// CONCATENATED MODULE: ./src/words/access.ts





/** A resource as the lines about it name it: its label, kind and id, and whether edit rights were asked for. */
const accessName = (resource) => `${resourceName(resource)}${resource.edit ? ', with edit rights' : ''}`;
/**
 * What a resource check found, in one line: the resource (its label and id, never a title from an answer), what is
 * wrong, what to do, and the code, status and log id of the answer that said so.
 */
function describeAccess(result, context, stoppedBy) {
    const { resource, problem, error } = result;
    if (problem === undefined)
        return `${accessName(resource)}: reachable.`;
    if (problem === 'not-checked') {
        const cause = stoppedBy ? `the answer that ${resourceName(stoppedBy)} got` : 'the answer explained above';
        return result.logId
            ? `${accessName(resource)}: refused too, with ${cause} (log id ${result.logId}).`
            : `${accessName(resource)}: not checked, because every call from this runner gets ${cause}.`;
    }
    if (problem === 'failed' && error)
        return describeFailure(error, context, resource);
    const { meaning, fix } = accessWords(result, context);
    const feishu = error?.failure.kind === 'feishu' ? error.failure : undefined;
    const logId = error?.logId ?? result.logId;
    const facts = [...(feishu ? [`code ${feishu.code}`, `HTTP ${feishu.status}`] : []), ...(logId ? [`log id ${logId}`] : [])];
    return `${accessName(resource)}: ${meaning}. ${fix}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`;
}
/** What a resource check's problem means and what to do: the code's own words when a code said it, else the problem's. */
function accessWords({ resource, problem, error, call = 'access', scopes }, context) {
    const c = { ...context, call, resource, ...(scopes && { scopes }) };
    const feishu = error?.failure.kind === 'feishu' ? error.failure : undefined;
    const row = feishu && codeRow(feishu.code, feishu.msg);
    // A code's own words, but for a missing scope: the problem's words name the scopes that would do.
    if (row?.access && problem !== 'no-scope')
        return { meaning: say(row.meaning, c), fix: say(row.fix, c) };
    const words = ACCESS_PROBLEMS[problem === undefined || problem === 'failed' || problem === 'not-checked' ? 'other' : problem];
    return { meaning: words.meaning(c), fix: words.fix(c) };
}
/** "the resource", "both resources", "all 5 resources": the resources of 'required-access', every one. */
const everyResource = (count) => count === 1 ? 'the resource' : count === 2 ? 'both resources' : `all ${count} resources`;
/** The step's words for the resources the app does not reach: one line each, a shared cause said once. */
function describeMissingAccess(results, context) {
    const missing = results.filter(result => result.problem !== undefined);
    const stopper = results.find(result => result.problem !== 'not-checked' && result.error && missing.some(m => m.error === result.error && m !== result));
    return [
        `${results.length === 1 ? 'The resource' : `${missing.length} of ${results.length} resources`} in 'required-access' ${missing.length === 1 ? 'is' : 'are'} out of reach for app ${context.appId}:`,
        ...missing.map(result => `- ${describeAccess(result, context, stopper?.resource)}`)
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/steps/resources.ts
// required-access: whether the app reaches each chat, Base, document... the automation uses; 'missing-access'.



/** Checks each resource of 'required-access', sets 'missing-access', and passes, warns or fails. */
async function accessCheck({ setOutput, log, redact, config, context, client, policy }, token, scopes) {
    const results = await checkAccess(config.requiredAccess, token, { client, policy, classify: classify, ...(scopes && { scopes }) });
    const missing = results.filter(({ problem }) => problem !== undefined);
    setOutput('missing-access', JSON.stringify(missing.map(({ resource }) => resource.entry).sort()));
    const onMissing = config.onMissingAccess;
    if (missing.length === 0) {
        const edit = results.filter(({ resource }) => resource.edit).length;
        log.info(`The app reaches ${everyResource(results.length)} in 'required-access'` +
            `${edit > 0 ? ` (${edit === results.length ? 'all' : edit} with edit rights)` : ''}.`);
        return { outcome: 'passed', access: { results, onMissing } };
    }
    const text = redact(describeMissingAccess(results, context));
    if (onMissing === 'fail')
        return { outcome: 'failed', failure: text, access: { results, onMissing, text } };
    // As with the gate and the bot check: an app that no call from here reaches fails the step, even under 'warn'.
    if (refusedEveryCall(results, classify)) {
        const failure = `${text}\n'on-missing-access: warn' does not let this pass: no call from this runner gets through, so the app cannot work here.`;
        return { outcome: 'failed', failure, access: { results, onMissing, text: failure } };
    }
    log.warning(text);
    return { outcome: 'warned', access: { results, onMissing, text } };
}
/** Every resource of 'required-access' as not checked, in 'missing-access' too: the run stopped before the checks. */
function notChecked({ config, setOutput }) {
    const results = config.requiredAccess.map(resource => ({ resource, problem: 'not-checked' }));
    setOutput('missing-access', JSON.stringify(config.requiredAccess.map(({ entry }) => entry).sort()));
    return { results, onMissing: config.onMissingAccess };
}

;// CONCATENATED MODULE: ./src/feishu/token.ts
// What a tenant token is: the one rule, used both to decide what to mask the moment an answer is parsed and to refuse
// an answer whose token cannot be used (docs/feishu.md, "Tenant token").
/** JWT tokens from newer endpoints pass 4 KB; far more than this is not a token. */
const MAX_TOKEN_CHARS = 32 * 1024;
/**
 * Tenant tokens are dozens of characters (`t-` and 40 more; JWTs far longer). A shorter value is no token, and
 * masking it would star out that string in every later line of the job (a token of `e` hides every e).
 */
const MIN_TOKEN_CHARS = 16;
/** Tenant tokens live 2 hours; a private deployment may differ, but not by years. */
const MAX_EXPIRE_SECONDS = 30 * 24 * 3600;
/** A Bearer token (RFC 6750's b64token): nothing a shell, a URL or a header would read as anything but text. */
const TOKEN_SHAPE = /^[A-Za-z0-9\-._~+/]+=*$/;
/** Why `value` (the answer's `tenant_access_token`) cannot be a token, or undefined when it is one. */
function tokenProblem(value) {
    if (typeof value !== 'string' || value === '')
        return "'tenant_access_token' is missing or not a string";
    if (value.length > MAX_TOKEN_CHARS)
        return `'tenant_access_token' is ${value.length} characters long, more than a token can be (${MAX_TOKEN_CHARS})`;
    if (!TOKEN_SHAPE.test(value))
        return "'tenant_access_token' has characters a token cannot have (a Bearer token holds only letters, digits, - . _ ~ + / and a trailing =)";
    if (value.length < MIN_TOKEN_CHARS)
        return `'tenant_access_token' is ${value.length} ${value.length === 1 ? 'character' : 'characters'} long, fewer than any token has (${MIN_TOKEN_CHARS})`;
    return undefined;
}
/** Why `value` (the answer's `expire`, seconds) cannot be a token's lifetime, or undefined. */
function expireProblem(value) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
        return "'expire' is missing or not a positive whole number of seconds";
    if (value > MAX_EXPIRE_SECONDS)
        return `'expire' is ${value} seconds, more than the 30 days any token lives`;
    return undefined;
}

;// CONCATENATED MODULE: ./src/feishu/wire.ts





const MAX_BODY_BYTES = 1024 * 1024;
/** An answer for a missing scope names a few; more than this is not a list of scopes to show. */
const MAX_NAMED_SCOPES = 20;
/**
 * Whether a request had noticeably less than the step's whole time (earlier attempts or checks used it): then its
 * timeout says how much it had. The few milliseconds before the first request are not worth saying.
 */
const shortened = (remainingMs, stepTimeoutMs) => remainingMs < stepTimeoutMs * 0.9;
function createSender(http, options, tools) {
    const { baseUrl, stepTimeoutMs, attemptTimeoutMs = Infinity } = options;
    const { debug, now, describe } = tools;
    return async ({ call, verb, path, body = null, headers, remainingMs, onParsed }) => {
        const url = `${baseUrl}${path}`;
        if (remainingMs <= 0)
            throw new RequestError({ kind: 'timeout', limit: 'step', timeoutMs: stepTimeoutMs, notSent: true }, call);
        const startedAt = now();
        const byAttempt = attemptTimeoutMs < remainingMs;
        const timedOut = (atProxy) => new RequestError({
            kind: 'timeout',
            ...(byAttempt
                ? { limit: 'attempt', timeoutMs: attemptTimeoutMs }
                : { limit: 'step', timeoutMs: stepTimeoutMs, ...(shortened(remainingMs, stepTimeoutMs) && { givenMs: remainingMs }) }),
            ...(atProxy && { atProxy })
        }, call);
        try {
            const answer = await withTimeout(Math.min(remainingMs, attemptTimeoutMs), timedOut, () => exchange(http, verb, url, body, headers, call, tools));
            onParsed?.(answer.json);
            // Redacted again, now that a secret of this answer is known, before the log id is cut to length.
            const logId = logIdOf(redactHeaders(answer.headers, tools.redact));
            debug(`${verb} ${url}: HTTP ${answer.status}, code ${String(answer.json.code)}, ${now() - startedAt} ms, log id ${logId ?? 'none'}`);
            const malformed = (detail) => new RequestError({ kind: 'malformed', status: answer.status, detail }, call, logId);
            return { status: answer.status, json: answer.json, logId, malformed };
        }
        catch (error) {
            if (error instanceof RequestError) {
                debug(`${verb} ${url}: failed, ${describe(error.failure)}, ${now() - startedAt} ms, log id ${error.logId ?? 'none'}`);
            }
            throw error;
        }
    };
}
/**
 * One request and its answer, with the means to drop it. The JSON body is parsed whatever the status (Feishu
 * answers errors with 200 or 400 and a code); a redirect is an error and is never followed.
 */
function exchange(http, verb, url, body, headers, call, tools) {
    const started = http.request(verb, url, body, headers);
    return { abandon: started.abandon, done: receive(started.answer, call, tools) };
}
async function receive(answer, call, { redact, redactDeep, now, onAnswer }) {
    let message;
    try {
        ;
        ({ message } = await answer);
    }
    catch (error) {
        throw new RequestError(requestFailure(error), call);
    }
    // The server answered: the request reached it (what never did, such as a refused connection, is not counted).
    onAnswer?.();
    const status = message.statusCode ?? 0;
    // Server text is redacted here, as it arrives: everything after may cut or escape it.
    const answered = redactHeaders(message.headers, redact);
    const logId = logIdOf(answered);
    const retryAfterMs = retryAfterOf(answered, now);
    const fail = (failure) => {
        throw new RequestError(failure, call, logId, retryAfterMs);
    };
    if (status >= 300 && status < 400) {
        message.resume();
        fail({ kind: 'redirect', status, location: answered.location });
    }
    const read = await readCapped(message, MAX_BODY_BYTES);
    if (read === 'too-large')
        return fail({ kind: 'too-large', status, limitBytes: MAX_BODY_BYTES });
    if (read === 'truncated')
        return fail({ kind: 'truncated', status });
    let json;
    try {
        json = redactDeep(JSON.parse(read.toString('utf8')));
    }
    catch {
        json = undefined;
    }
    if (!isRecord(json))
        return fail({ kind: 'not-json', status, contentType: answered['content-type'], bytes: read.length });
    const code = json.code;
    if (typeof code === 'number' && code !== 0)
        throw feishuError(json, code, status, call, logId, retryAfterMs);
    if (status < 200 || status >= 300)
        return fail({ kind: 'http', status });
    if (code !== 0)
        return fail({ kind: 'no-code', status });
    return { status, json, headers: answered };
}
/** An Open Platform error answer (a non-zero `code`) as a RequestError: its code, msg and what else it names. */
function feishuError(json, code, status, call, logId, retryAfterMs) {
    const msg = typeof json.msg === 'string' ? json.msg : '';
    const error = isRecord(json.error) ? json.error : {};
    const troubleshooter = typeof error.troubleshooter === 'string' ? error.troubleshooter : undefined;
    const bodyLogId = typeof error.log_id === 'string' ? error.log_id : undefined;
    const scopes = scopesNamed(json, msg);
    return new RequestError({
        kind: 'feishu',
        status,
        code,
        msg,
        ...(troubleshooter && { troubleshooter: printable(troubleshooter) }),
        ...(scopes && { scopes })
    }, call, logId ?? (bodyLogId && printable(bodyLogId)), retryAfterMs);
}
/** The scope names an answer for a missing scope gives: `error.permission_violations[].subject`, or the list in its msg. */
function scopesNamed(json, msg) {
    const violations = isRecord(json.error) && Array.isArray(json.error.permission_violations) ? json.error.permission_violations : [];
    const subjects = violations.flatMap(item => (isRecord(item) && typeof item.subject === 'string' ? [item.subject] : []));
    const listed = subjects.length > 0 ? subjects : (/\[([^\]]*)\]/.exec(msg)?.[1]?.split(/[\s,]+/) ?? []);
    const scopes = [...new Set(listed.filter(isScopeName))].slice(0, MAX_NAMED_SCOPES);
    return scopes.length > 0 ? scopes : undefined;
}
/** Reads the body, stopping past `limit` bytes; tells a connection closed mid-body from a whole one. */
function readCapped(message, limit) {
    return new Promise(resolve => {
        const chunks = [];
        let size = 0;
        const settle = (result) => {
            message.removeAllListeners('data');
            resolve(result);
        };
        message.on('data', (chunk) => {
            size += chunk.length;
            if (size > limit) {
                message.destroy();
                settle('too-large');
            }
            else {
                chunks.push(chunk);
            }
        });
        message.on('end', () => settle(message.complete ? Buffer.concat(chunks) : 'truncated'));
        message.on('error', () => settle('truncated'));
        message.on('close', () => settle(size > limit ? 'too-large' : message.complete ? Buffer.concat(chunks) : 'truncated'));
    });
}
/**
 * One time limit for the request and its body. On expiry its own connection is dropped, and only its own: other
 * requests in flight on the run's agent go on. `timedOut` learns whether a proxy was still opening the tunnel.
 * `timeoutMs` is above 0: the sender sends nothing once the deadline has passed.
 */
async function withTimeout(timeoutMs, timedOut, start) {
    const { done, abandon } = start();
    let timer;
    const expiry = new Promise((_, reject) => {
        timer = setTimeout(() => {
            const { openingTunnel } = abandon();
            reject(timedOut(openingTunnel));
        }, timeoutMs);
    });
    try {
        return await Promise.race([done, expiry]);
    }
    finally {
        clearTimeout(timer);
        done.catch(() => undefined);
    }
}
/** What a request that got no answer ran into. */
function requestFailure(error) {
    if (error instanceof ProxyRefused)
        return { kind: 'proxy-refused', status: error.status };
    // On the way to the proxy or in the CONNECT exchange: the proxy's fault, or its setting's, not the API server's.
    if (error instanceof ProxyUnreachable)
        return { kind: 'proxy-network', errno: errnoOf(error.cause) };
    const errno = errnoOf(error);
    // Node's HTTP parser refused the answer (headers over its limit, conflicting Content-Length...): the
    // server spoke, but not valid HTTP.
    if (errno.startsWith('HPE_'))
        return { kind: 'bad-http', code: errno };
    return { kind: 'network', errno };
}
function errnoOf(error) {
    if (isRecord(error) && typeof error.code === 'string')
        return error.code;
    const message = error instanceof Error ? error.message : '';
    if (/socket hang up/i.test(message))
        return 'ECONNRESET';
    if (/timeout/i.test(message))
        return 'ETIMEDOUT';
    return 'UNKNOWN';
}
function redactHeaders(headers, redact) {
    const out = {};
    for (const [name, value] of Object.entries(headers)) {
        if (value !== undefined)
            out[name] = Array.isArray(value) ? value.map(redact) : redact(value);
    }
    return out;
}
function logIdOf(headers) {
    const value = headers['x-tt-logid'] ?? headers['x-request-id'];
    const first = Array.isArray(value) ? value[0] : value;
    return first ? printable(first) : undefined;
}
/** x-ogw-ratelimit-reset and Retry-After are seconds; Retry-After may also be an HTTP date. */
function retryAfterOf(headers, now) {
    const reset = Number(headers['x-ogw-ratelimit-reset']);
    if (headers['x-ogw-ratelimit-reset'] !== undefined && Number.isFinite(reset) && reset >= 0)
        return reset * 1000;
    const retryAfter = headers['retry-after'];
    if (retryAfter === undefined)
        return undefined;
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0)
        return seconds * 1000;
    const date = Date.parse(retryAfter);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

;// CONCATENATED MODULE: ./src/feishu/client.ts
// The Feishu/Lark Open Platform client: one function per call (docs/feishu.md has the calls and their answers), each
// reading only the fields it needs. The wire (body cap, parsing, redaction as text arrives) is wire.ts's; it throws
// RequestErrors: data, not words.




const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';
const SCOPES_PATH = '/open-apis/application/v6/scopes';
const APPLY_PATH = '/open-apis/application/v6/scopes/apply';
const BOT_PATH = '/open-apis/bot/v3/info';
/** A bot's open_id: `ou_` and lowercase letters and digits (hex in every answer seen). */
const OPEN_ID = /^ou_[a-z0-9]{1,64}$/;
/** App names are short labels in the console; far longer text is not an app name. */
const MAX_APP_NAME_CHARS = 200;
/** A Feishu/Lark Open Platform client over one HttpClient (kept alive: every call shares a connection). */
function createFeishuClient(http, options, tools) {
    const send = createSender(http, options, tools);
    /** A call made with the tenant token. */
    const withToken = (call, verb, path, token, remainingMs, body = null) => send({
        call,
        verb,
        path,
        body,
        headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(body !== null && body !== '' && { 'content-type': 'application/json; charset=utf-8' })
        },
        remainingMs
    });
    return {
        tenantToken: (appSecret, remainingMs) => tenantToken(send, options.appId, appSecret, remainingMs, tools),
        async scopes(token, remainingMs) {
            const { json, logId, malformed } = await withToken('scopes', 'GET', SCOPES_PATH, token, remainingMs);
            return { scopes: listedScopes(json, malformed), logId };
        },
        async requestApproval(token, remainingMs) {
            // No body: an empty one, announced as such.
            const { logId } = await withToken('apply', 'POST', APPLY_PATH, token, remainingMs, '');
            return { logId };
        },
        async botInfo(token, remainingMs) {
            const { json, logId, malformed } = await withToken('bot', 'GET', BOT_PATH, token, remainingMs);
            return { ...botOf(json, malformed), logId };
        },
        async read(token, resource, remainingMs) {
            const { read } = RESOURCE_KINDS[resource.kind];
            const { json, status, logId, malformed } = await withToken('access', read.method, read.path(resource.id), token, remainingMs, read.body?.(resource.id) ?? null);
            const found = read.answer(isRecord(json.data) ? json.data : {}, resource);
            if (found === undefined)
                return { value: undefined, logId };
            if ('malformed' in found)
                throw malformed(found.malformed);
            if ('code' in found)
                throw new RequestError({ kind: 'feishu', status, code: found.code, msg: '' }, 'access', logId);
            return { value: found, logId };
        },
        async canEdit(token, objToken, type, remainingMs) {
            const { json, logId, malformed } = await withToken('edit', 'GET', editPath(objToken, type), token, remainingMs);
            const result = isRecord(json.data) ? json.data.auth_result : undefined;
            if (typeof result !== 'boolean')
                throw malformed("'data.auth_result' is missing or not true or false");
            return { value: result, logId };
        }
    };
}
/** POST auth/v3/tenant_access_token/internal: the token is masked the moment its answer is parsed. */
async function tenantToken(send, appId, appSecret, remainingMs, { mask, hide }) {
    const { json, logId, malformed } = await send({
        call: 'token',
        verb: 'POST',
        path: TOKEN_PATH,
        body: JSON.stringify({ app_id: appId, app_secret: appSecret }),
        headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
        remainingMs,
        onParsed: parsed => {
            // Masked before the debug line and the log id of this answer are written. What cannot be a token is only kept
            // out of every line: never announced as a secret, nor handed on. A value too short to be a token is neither:
            // redacting it would garble every line that holds that string.
            const candidate = parsed.tenant_access_token;
            if (typeof candidate === 'string' && candidate.length >= MIN_TOKEN_CHARS)
                (tokenProblem(candidate) ? hide : mask)(candidate);
        }
    });
    const problem = tokenProblem(json.tenant_access_token) ?? expireProblem(json.expire);
    if (problem)
        throw malformed(problem);
    return { token: json.tenant_access_token, expiresIn: json.expire, logId };
}
/** `data.scopes` of application/v6/scopes, each entry checked. */
function listedScopes(json, malformed) {
    const list = isRecord(json.data) ? json.data.scopes : undefined;
    if (!Array.isArray(list))
        throw malformed("'data.scopes' is missing or not a list");
    return list.map(item => {
        if (!isRecord(item) || typeof item.scope_name !== 'string' || typeof item.grant_status !== 'number') {
            throw malformed("an entry of 'data.scopes' has no string 'scope_name' or numeric 'grant_status'");
        }
        const identity = item.scope_type ?? undefined;
        if (identity !== undefined && typeof identity !== 'string')
            throw malformed("an entry of 'data.scopes' has a 'scope_type' that is not a string");
        return { name: item.scope_name, grantStatus: item.grant_status, ...(identity !== undefined && { identity }) };
    });
}
/** `bot` of bot/v3/info: the app's state, its name, and its bot's open_id when the app is enabled. */
function botOf(json, malformed) {
    const bot = json.bot;
    if (!isRecord(bot))
        throw malformed("'bot' is missing or not an object");
    const status = bot.activate_status;
    if (typeof status !== 'number' || !Number.isInteger(status))
        throw malformed("'bot.activate_status' is missing or not a whole number");
    // The name is free text, and a missing one is no reason to hide the app's state: null or absent is no name.
    const name = bot.app_name ?? undefined;
    if (name !== undefined && typeof name !== 'string')
        throw malformed("'bot.app_name' is not a string");
    if (name !== undefined && name.length > MAX_APP_NAME_CHARS)
        throw malformed(`'bot.app_name' is ${name.length} characters long, more than an app name can be (${MAX_APP_NAME_CHARS})`);
    if (status !== 2)
        return { activateStatus: status, ...(name && { appName: name }) };
    // The app is usable: its bot's identity must be there, and look like one.
    const openId = bot.open_id;
    if (typeof openId !== 'string' || !OPEN_ID.test(openId))
        throw malformed("'bot.open_id' does not look like an open_id ('ou_' and lowercase letters and digits)");
    return { activateStatus: status, ...(name && { appName: name }), openId };
}

;// CONCATENATED MODULE: ./src/steps/step.ts




function redactingLog(core, redact) {
    return {
        debug: message => core.debug(redact(message)),
        info: message => core.info(redact(message)),
        warning: message => core.warning(redact(message)),
        fail: message => core.setFailed(redact(message))
    };
}
/** The Feishu client and the retry policy of this run, over its transport. */
function begin(deps, config, transport, { log, redactor, mask, onAnswer }) {
    let outputBytes = 0;
    const setOutput = (name, value) => {
        deps.core.setOutput(name, value);
        outputBytes += outputSize(name) + outputSize(value);
    };
    const { http, route } = transport;
    if (route.via === 'proxy')
        log.info(`Using the proxy ${route.proxy.host} for ${config.endpoint.baseUrl}.`);
    log.debug(describeRoute(route, new URL(config.endpoint.baseUrl).host));
    const client = createFeishuClient(http, { baseUrl: config.endpoint.baseUrl, appId: config.appId, stepTimeoutMs: config.timeoutMs, attemptTimeoutMs: config.attemptTimeoutMs }, {
        debug: log.debug,
        redact: redactor.redact,
        redactDeep: redactor.redactDeep,
        describe: shortFailure,
        mask,
        hide: redactor.add,
        now: deps.now,
        onAnswer
    });
    const policy = {
        maxAttempts: config.maxAttempts,
        deadlineAt: deps.now() + config.timeoutMs,
        now: deps.now,
        sleep: deps.sleep,
        random: deps.random,
        onRetry: log.info,
        isRetried: isRetried,
        describe: shortFailure
    };
    return {
        core: deps.core,
        setOutput,
        outputBytesLeft: () => OUTPUTS_BUDGET_BYTES - outputBytes,
        log,
        redact: redactor.redact,
        config,
        context: { appId: config.appId, endpoint: config.endpoint, route },
        client,
        policy
    };
}

;// CONCATENATED MODULE: ./src/output/markdown.ts
// Outside text (inputs, server text) in the job summary's Markdown: shown as code, or as escaped plain text, so that
// no link, image, emphasis or HTML in it takes effect, and what acts or hides is shown as an escape.

/** An inline code span that holds any text, also inside a table cell. */
function code(text) {
    const flat = reveal(text.replace(/\s+/g, ' ')).replace(/\|/g, '\\|');
    const fence = '`'.repeat(longestRun(flat, '`') + 1);
    const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${flat}${pad}${fence}`;
}
/**
 * Words as plain text in a table cell: every character Markdown could act on (links, images, emphasis, HTML,
 * autolinks, entities) backslash-escaped, so that an App ID or base URL inside them stays text.
 */
function inert(text) {
    return reveal(text.replace(/\s+/g, ' ')).replace(/[\\`*_{}[\]()#+!|<>~:&]/g, '\\$&');
}
/** A fenced code block that holds any text, its lines kept. */
function codeBlock(text) {
    const shown = text
        .split('\n')
        .map(line => reveal(line))
        .join('\n');
    const fence = '`'.repeat(Math.max(3, longestRun(shown, '`') + 1));
    return `${fence}text\n${shown}\n${fence}`;
}
function longestRun(text, char) {
    let longest = 0;
    let run = 0;
    for (const c of text) {
        run = c === char ? run + 1 : 0;
        longest = Math.max(longest, run);
    }
    return longest;
}
/** A link target with nothing that could end the Markdown link early or start another. */
function linkTarget(url) {
    return url.replace(/[^A-Za-z0-9\-._~:/?#@!$&*+,;=%]/g, c => encodeURIComponent(c).replace(/[!'()*]/g, x => `%${x.charCodeAt(0).toString(16).toUpperCase()}`));
}

;// CONCATENATED MODULE: ./src/summary/render.ts









function renderSummary(report) {
    return [
        `## Feishu/Lark tenant token: ${headline(report)}`,
        '',
        ...facts(report),
        ...(report.gate ? gateSections(report.gate, report) : []),
        ...(report.access ? accessSection(report.access, report) : []),
        ...(report.bot?.problem ? ['### App and bot', '', 'The app is not usable in this tenant:', '', codeBlock(report.bot.problem), ''] : []),
        ...(report.error ? ['### Error', '', codeBlock(report.error), ''] : [])
    ].join('\n');
}
/** The headline says what was found: missing scopes, calls not allowed, unexpected scopes, an app not usable here. */
function headline(report) {
    if (report.error)
        return '❌ Failed';
    const { gate, bot, access, outcome } = report;
    const found = [
        gate && gate.check.missing.length > 0 && (outcome === 'failed' ? 'required scopes missing' : 'scopes missing'),
        gate && gate.check.missingCalls.length > 0 && (outcome === 'failed' ? 'required calls not allowed' : 'calls not allowed'),
        gate && gate.check.unexpected.length > 0 && gate.onUnexpected !== 'ignore' && 'unexpected scopes',
        bot?.problem && 'app not usable here',
        access?.results.some(({ problem }) => problem !== undefined) && 'resources out of reach'
    ].filter(Boolean);
    if (outcome === 'failed') {
        const text = found.join(', ') || 'failed';
        return `❌ ${text.charAt(0).toUpperCase()}${text.slice(1)}`;
    }
    return outcome === 'warned' ? `⚠️ Token issued, ${found.join(', ')}` : '✅ Token issued';
}
/** The API, the App ID, the token's expiry and the app's bot, as far as they are known. */
function facts(report) {
    const rows = [];
    if (report.endpoint)
        rows.push(['API', api(report.endpoint)]);
    if (report.appId)
        rows.push(['App ID', code(report.appId)]);
    if (report.expiresAt) {
        rows.push(['Token expires', `${report.expiresAt}${report.expiresIn !== undefined ? ` (in ${duration(report.expiresIn)})` : ''}`]);
    }
    if (report.bot?.appName)
        rows.push(['App name', code(report.bot.appName)]);
    if (report.bot?.openId)
        rows.push(['Bot open_id', code(report.bot.openId)]);
    if (report.calls !== undefined)
        rows.push(['API calls', `${report.calls} answered (API calls count against the tenant's monthly quota)`]);
    return rows.length > 0 ? ['| | |', '| --- | --- |', ...rows.map(([name, value]) => `| ${name} | ${value} |`), ''] : [];
}
function api(endpoint) {
    return endpoint.region ? `${REGIONS[endpoint.region].label}, ${code(endpoint.baseUrl)}` : code(endpoint.baseUrl);
}
function duration(seconds) {
    const hours = Math.floor(seconds / 3600);
    const minutes = Math.floor((seconds % 3600) / 60);
    return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`;
}
/** The first rows of a table, then one that counts the rest: a summary over 1 MiB is dropped whole by GitHub. */
function tableRows(items, row, rest) {
    const { rows, more } = firstRows(items);
    return [...rows.map(row), ...(more > 0 ? [`| and ${more} more | ${rest} |`] : [])];
}
/** The mark of each status, before the words the error uses too (MISSING_REASONS). */
const MARKS = {
    'awaiting-approval': '⏳',
    'unknown-type': '❓',
    'user-only': '👤',
    retired: '🔁',
    unknown: '❔',
    'not-configured': '❌'
};
/** The gate: the required scopes, the required calls, the grant link and the approval request, the audit. */
function gateSections(gate, report) {
    const rules = { appId: report.appId ?? '', endpoint: report.endpoint, requestApproval: gate.requestApproval };
    return [
        ...(gate.check.statuses.length > 0 ? requiredScopes(gate, rules) : []),
        ...(gate.check.calls.length > 0 ? requiredCalls(gate, rules) : []),
        ...grantAndApproval(gate, rules),
        ...unexpectedScopes(gate, report)
    ];
}
/** Each required scope with its status and what to do. */
function requiredScopes({ check, onMissing }, rules) {
    const missing = check.missing.length;
    return [
        '### Required scopes',
        '',
        missing === 0
            ? allGrantedMessage(check)
            : `${countOf(missing, check.statuses.length, 'scope', ['is missing', 'are missing'])} (on-missing-scopes: ${onMissing}).`,
        '',
        // "What to do" only when there is something to do.
        ...(missing === 0 ? ['| Scope | Status |', '| --- | --- |'] : ['| Scope | Status | What to do |', '| --- | --- | --- |']),
        ...tableRows(check.statuses, entry => {
            const done = missing === 0 ? '' : ' |';
            return entry.status === 'granted'
                ? `| ${code(entry.scope)} | ✅ granted |${done}`
                : entry.status === 'covered'
                    ? `| ${code(entry.scope)} | ✅ granted through ${code(entry.by)}, which allows every call it allows |${done}`
                    : `| ${code(entry.scope)} | ${MARKS[entry.status]} ${MISSING_REASONS[entry.status]} | ${inert(missingFix({ ...entry, status: entry.status }, rules))} |`;
        }, missing === 0 ? 'the `granted-scopes` output lists them' : 'the `missing-scopes` output lists the missing ones |'),
        ''
    ];
}
/** Each required call with the scope that allows it, or why it cannot be made; the catalogue's date. */
function requiredCalls({ check, onMissing }, rules) {
    const missing = check.missingCalls.length;
    const total = check.calls.length;
    return [
        '### Required calls',
        '',
        missing === 0
            ? `The app can make ${total === 1 ? 'the required call' : `all ${total} required calls`}.`
            : `${countOf(missing, total, 'call', ['cannot be made', 'cannot be made'])} (on-missing-scopes: ${onMissing}).`,
        '',
        '| Call | Method and path | Scope | Result |',
        '| --- | --- | --- | --- |',
        ...tableRows(check.calls, entry => {
            const { label, written, call } = entry.required;
            const scope = entry.status === 'allowed'
                ? entry.held
                    ? code(entry.held)
                    : 'needs none'
                : `${call.scopes.map(code).join(', ')}; grant ${code(entry.awaiting?.join(', ') ?? entry.grant)}`;
            const result = entry.status === 'allowed' ? '✅ allowed' : `❌ ${inert(callReason({ ...entry, status: entry.status }))}`;
            return `| ${code(cut(label ?? written, 80))} | ${code(`${call.method} ${call.path}`)} | ${scope} | ${result} |`;
        }, 'the `missing-calls` output lists the calls that cannot be made |'),
        '',
        inert(catalogueNote(check, rules)),
        ''
    ];
}
/** The grant link (its first rows, as the error's) and the approval request. */
function grantAndApproval({ check, grantLink, approval }, rules) {
    const lines = [];
    if (grantLink) {
        const which = check.toGrant.length > SHOWN_ROWS ? `the first ${SHOWN_ROWS} missing scopes` : 'the missing scopes';
        lines.push(`**[Grant ${which}](${linkTarget(grantLink)})** on the app's ${consoleLabel('permissions', rules.endpoint)} page, then ${publishVersion(rules)}.`, '');
    }
    if (approval) {
        const { requested, text } = approval;
        lines.push(requested ? `📨 ${text}` : 'The approval request was not accepted:', '', ...(requested ? [] : [codeBlock(text), '']));
    }
    return lines;
}
/** The least-privilege audit, when it is on. */
function unexpectedScopes({ check, onUnexpected }, report) {
    if (onUnexpected === 'ignore')
        return [];
    const { unexpected } = check;
    if (unexpected.length === 0)
        return ['### Unexpected scopes', '', 'The app holds no scope beyond the required ones.', ''];
    const one = unexpected.length === 1;
    return [
        '### Unexpected scopes',
        '',
        `${unexpected.length} scope${one ? ' is' : 's are'} configured on the app but not required` +
            ` (on-unexpected-scopes: ${onUnexpected}): remove ${one ? 'it' : 'them'} from the app and ${publishVersion({ endpoint: report.endpoint })},` +
            ` or add ${one ? 'it' : 'them'} to \`required-scopes\`.`,
        '',
        '| Scope | Status |',
        '| --- | --- |',
        ...tableRows(unexpected, ({ scope, status, narrower }) => `| ${code(scope)} | ${status === 'granted' ? '✅ granted' : '⏳ awaiting approval'}${narrower ? `; the required calls it allows are allowed by the narrower ${code(narrower)}` : ''} |`, 'the `unexpected-scopes` output lists them'),
        ''
    ];
}
/** An id as written, but for one longer than any token (a calendar's can be 200 characters): its start and end. */
function shortId(id) {
    const chars = Array.from(id);
    return chars.length > 64 ? `${chars.slice(0, 44).join('')}…${chars.slice(-16).join('')}` : id;
}
/** The kind of a resource, and, for the object a wiki page holds, that it is in a wiki page (whose id the ID column gives). */
const kindWords = ({ kind, inWiki }) => `${RESOURCE_KINDS[kind].noun}${inWiki === undefined ? '' : ' (in a wiki page)'}`;
/** The result of one resource check in a few words; never a title or name from an answer. */
function accessResultWords(result, report) {
    const { problem, resource } = result;
    if (problem === undefined)
        return resource.edit ? '✅ can read and edit' : '✅ reachable';
    if (problem === 'not-checked')
        return result.logId ? '⚠️ refused, as every call was (see below)' : '⚠️ not checked (see the error)';
    if (problem === 'failed')
        return '⚠️ could not be checked (see below)';
    return `❌ ${accessWords(result, { appId: report.appId ?? '', endpoint: report.endpoint }).meaning}`;
}
/** Each resource of 'required-access' with what its check found. */
function accessSection(access, report) {
    const missing = access.results.filter(({ problem }) => problem !== undefined).length;
    const total = access.results.length;
    return [
        '### Resources',
        '',
        missing === 0
            ? `The app reaches ${everyResource(total)} in \`required-access\`.`
            : `${missing} of ${total} ${total === 1 ? 'resource' : 'resources'} ${missing === 1 ? 'is' : 'are'} out of reach (on-missing-access: ${access.onMissing}).`,
        '',
        '| Resource | Kind | ID | Needs | Result |',
        '| --- | --- | --- | --- | --- |',
        ...access.results.map(({ resource, ...result }) => `| ${code(cut(resource.label ?? resourceName({ ...resource, id: shortId(resource.id) }), 80))} | ${kindWords(resource)} | ` +
            `${code(shortId(resource.inWiki ?? resource.id))} | ${resource.edit ? 'read and edit' : 'read'} | ${accessResultWords({ resource, ...result }, report)} |`),
        '',
        ...(access.text ? [codeBlock(access.text), ''] : [])
    ];
}

;// CONCATENATED MODULE: ./src/steps/summary.ts

/** Renders and writes the job summary; a summary that cannot be written is a debug line, never a failure. */
async function writeSummary(core, report, redact, log) {
    try {
        // Every field was redacted before rendering; this pass only guards against a field added without it.
        core.summary.addRaw(redact(renderSummary(report)), true);
        await core.summary.write();
    }
    catch (error) {
        // No GITHUB_STEP_SUMMARY (a local run) must not fail a step that worked.
        log.debug(`No job summary written: ${error instanceof Error ? error.message : String(error)}`);
    }
}

;// CONCATENATED MODULE: ./src/steps/token.ts
// The first step: the tenant token (the client masked it the moment it was parsed), its outputs, and its hand-off to
// later steps' scripts and lark-cli when asked.


/** Gets the token (with the run's retries) and sets its outputs. Throws the RequestError of a failed request. */
async function issueToken(step) {
    const { core, setOutput, log, config, client, policy } = step;
    const issued = await withRetry(left => client.tenantToken(config.appSecret, left), policy);
    const expiresAt = new Date(policy.now() + issued.expiresIn * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    setOutput('token', issued.token);
    setOutput('expires-in', String(issued.expiresIn));
    setOutput('expires-at', expiresAt);
    setOutput('base-url', config.endpoint.baseUrl);
    log.info(`Got a tenant access token for ${config.appId} from ${describeEndpoint(config.endpoint)}; it expires at ${expiresAt} (in ${issued.expiresIn} s).`);
    if (config.exportEnv)
        exportEnv(config, issued.token, core, log);
    return { token: issued.token, outcome: 'passed', expiresAt, expiresIn: issued.expiresIn };
}
/**
 * FEISHU_* for scripts, and the variables the official lark-cli reads, so that `npx @larksuite/cli ...` in a later
 * step acts as the app's bot with no secret. lark-cli knows only the two public regions.
 */
function exportEnv(config, token, core, log) {
    core.exportVariable('FEISHU_TENANT_ACCESS_TOKEN', token);
    core.exportVariable('FEISHU_BASE_URL', config.endpoint.baseUrl);
    if (config.endpoint.region) {
        core.exportVariable('LARKSUITE_CLI_APP_ID', config.appId);
        core.exportVariable('LARKSUITE_CLI_TENANT_ACCESS_TOKEN', token);
        core.exportVariable('LARKSUITE_CLI_BRAND', config.endpoint.region);
        log.info('Exported FEISHU_TENANT_ACCESS_TOKEN, FEISHU_BASE_URL and the LARKSUITE_CLI_* variables lark-cli reads.');
    }
    else {
        log.info(`Exported FEISHU_TENANT_ACCESS_TOKEN and FEISHU_BASE_URL, but not the LARKSUITE_CLI_* variables: lark-cli cannot follow a custom 'base-url' (it has no private-deployment support), so it would call the public API with this token.`);
    }
}

;// CONCATENATED MODULE: ./src/main.ts
// One run of the action: inputs -> transport -> token -> mask + outputs -> scope gate -> bot check -> resources ->
// summary. Each step is a function of src/steps/; this file only puts them in order and keeps one error for them all.













/** The whole step. Never rejects: every failure is the step's one error, and the summary is written last. */
async function run(deps) {
    const { core } = deps;
    // Server text is redacted as it arrives (in the client), and every line the action writes goes through `redact`
    // again, so even a server that echoes a secret cannot leak it.
    const redactor = createRedactor();
    const log = redactingLog(core, redactor.redact);
    const mask = (secret) => {
        core.setSecret(secret);
        redactor.add(secret);
    };
    let report = { outcome: 'failed' };
    /** The requests sent: every one counts against the tenant's monthly quota of API calls. */
    let calls = 0;
    let transport;
    let step;
    const findings = [];
    // Everything that fails the step, in one error.
    const failures = () => findings.flatMap(({ failure }) => (failure ? [failure] : []));
    try {
        const config = readInputs({ getInput: name => core.getInput(name), setSecret: mask, warning: log.warning, onRunner: deps.onRunner });
        report = { ...report, endpoint: config.endpoint, appId: redactor.redact(config.appId) };
        transport = main_openTransport(deps, config.endpoint.baseUrl);
        step = begin(deps, config, transport, { log, redactor, mask, onAnswer: () => void calls++ });
        const { token, ...issued } = await issueToken(step);
        report = { ...report, ...issued };
        /** What the gate listed, when it ran: a resource check no granted scope allows is then not made. */
        let scopes;
        if (config.requiredScopes.length > 0 || config.requiredCalls.length > 0) {
            const { gate, ...finding } = await scopeGate(step, token);
            report = { ...report, gate };
            scopes = { granted: new Set(gate.check.granted), awaiting: new Set(gate.check.awaiting) };
            findings.push(finding);
        }
        if (config.checkBot) {
            const { bot, ...finding } = await botCheck(step, token);
            report = { ...report, bot };
            findings.push(finding);
        }
        if (config.requiredAccess.length > 0) {
            const { access, ...finding } = await accessCheck(step, token, scopes);
            report = { ...report, access };
            findings.push(finding);
        }
        if (failures().length > 0)
            log.fail(failures().join('\n\n'));
        report = { ...report, outcome: worst(findings.map(({ outcome }) => outcome)) };
    }
    catch (error) {
        // What the inputs that could be read say (the API, the App ID) belongs in the summary of a bad input too.
        if (error instanceof InputError) {
            const { endpoint, appId } = error.known;
            report = { ...report, ...(endpoint && { endpoint }), ...(appId && { appId: redactor.redact(appId) }) };
        }
        const message = redactor.redact(failureWords(error, step, log));
        // The resources a failure before their checks left unchecked are out of reach as far as anyone knows.
        if (step && step.config.requiredAccess.length > 0 && !report.access)
            report = { ...report, access: notChecked(step) };
        // What a check found before a later request failed is said too, in the same one error.
        log.fail([...failures(), message].join('\n\n'));
        report = { ...report, outcome: 'failed', error: message };
    }
    finally {
        transport?.dispose();
    }
    if (calls > 0) {
        log.info(callsAnswered(calls));
        report = { ...report, calls };
    }
    await writeSummary(core, report, redactor.redact, log);
}
/** The run's transport; a proxy variable that cannot be used is a bad setting of the workflow, like a bad input. */
function main_openTransport(deps, baseUrl) {
    try {
        return deps.openTransport(baseUrl);
    }
    catch (error) {
        if (error instanceof ProxySettingError)
            throw new InputError(proxySettingWords(error.variable, error.problem));
        throw error;
    }
}
const worst = (outcomes) => outcomes.includes('failed') ? 'failed' : outcomes.includes('warned') ? 'warned' : 'passed';

;// CONCATENATED MODULE: ./src/action.ts



void run(realDeps(core_namespaceObject)).then(() => {
    // A socket stuck behind a proxy must not hold the job open; this timer never fires when nothing is left.
    setTimeout(() => process.exit(), 1000).unref();
});


/***/ }),

/***/ 231:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

"use strict";
module.exports = __nccwpck_require__.p + "43cd201f3fc8668f08bb.json";

/***/ })

/******/ 	});
/************************************************************************/
/******/ 	// The module cache
/******/ 	var __webpack_module_cache__ = {};
/******/ 	
/******/ 	// The require function
/******/ 	function __nccwpck_require__(moduleId) {
/******/ 		// Check if module is in cache
/******/ 		var cachedModule = __webpack_module_cache__[moduleId];
/******/ 		if (cachedModule !== undefined) {
/******/ 			return cachedModule.exports;
/******/ 		}
/******/ 		// Create a new module (and put it into the cache)
/******/ 		var module = __webpack_module_cache__[moduleId] = {
/******/ 			// no module.id needed
/******/ 			// no module.loaded needed
/******/ 			exports: {}
/******/ 		};
/******/ 	
/******/ 		// Execute the module function
/******/ 		var threw = true;
/******/ 		try {
/******/ 			__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 			threw = false;
/******/ 		} finally {
/******/ 			if(threw) delete __webpack_module_cache__[moduleId];
/******/ 		}
/******/ 	
/******/ 		// Return the exports of the module
/******/ 		return module.exports;
/******/ 	}
/******/ 	
/******/ 	// expose the modules object (__webpack_modules__)
/******/ 	__nccwpck_require__.m = __webpack_modules__;
/******/ 	
/************************************************************************/
/******/ 	/* webpack/runtime/asset-relocator-loader */
/******/ 	if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = __dirname + "/";
/******/ 	
/******/ 	/* webpack/runtime/compat get default export */
/******/ 	(() => {
/******/ 		// getDefaultExport function for compatibility with non-harmony modules
/******/ 		__nccwpck_require__.n = (module) => {
/******/ 			var getter = module && module.__esModule ?
/******/ 				() => (module['default']) :
/******/ 				() => (module);
/******/ 			__nccwpck_require__.d(getter, { a: getter });
/******/ 			return getter;
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/create fake namespace object */
/******/ 	(() => {
/******/ 		var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 		var leafPrototypes;
/******/ 		// create a fake namespace object
/******/ 		// mode & 1: value is a module id, require it
/******/ 		// mode & 2: merge all properties of value into the ns
/******/ 		// mode & 4: return value when already ns object
/******/ 		// mode & 16: return value when it's Promise-like
/******/ 		// mode & 8|1: behave like require
/******/ 		__nccwpck_require__.t = function(value, mode) {
/******/ 			if(mode & 1) value = this(value);
/******/ 			if(mode & 8) return value;
/******/ 			if(typeof value === 'object' && value) {
/******/ 				if((mode & 4) && value.__esModule) return value;
/******/ 				if((mode & 16) && typeof value.then === 'function') return value;
/******/ 			}
/******/ 			var ns = Object.create(null);
/******/ 			__nccwpck_require__.r(ns);
/******/ 			var def = {};
/******/ 			leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 			for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 				Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 			}
/******/ 			def['default'] = () => (value);
/******/ 			__nccwpck_require__.d(ns, def);
/******/ 			return ns;
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/define property getters */
/******/ 	(() => {
/******/ 		// define getter functions for harmony exports
/******/ 		__nccwpck_require__.d = (exports, definition) => {
/******/ 			for(var key in definition) {
/******/ 				if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 					Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 				}
/******/ 			}
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/hasOwnProperty shorthand */
/******/ 	(() => {
/******/ 		__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/make namespace object */
/******/ 	(() => {
/******/ 		// define __esModule on exports
/******/ 		__nccwpck_require__.r = (exports) => {
/******/ 			if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 				Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 			}
/******/ 			Object.defineProperty(exports, '__esModule', { value: true });
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/publicPath */
/******/ 	(() => {
/******/ 		__nccwpck_require__.p = "";
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/require chunk loading */
/******/ 	(() => {
/******/ 		__nccwpck_require__.b = require("url").pathToFileURL(__filename);
/******/ 		
/******/ 		// object to store loaded chunks
/******/ 		// "1" means "loaded", otherwise not loaded yet
/******/ 		var installedChunks = {
/******/ 			792: 1
/******/ 		};
/******/ 		
/******/ 		// no on chunks loaded
/******/ 		
/******/ 		// no chunk install function needed
/******/ 		
/******/ 		// no chunk loading
/******/ 		
/******/ 		// no external install chunk
/******/ 		
/******/ 		// no HMR
/******/ 		
/******/ 		// no HMR manifest
/******/ 	})();
/******/ 	
/************************************************************************/
var __webpack_exports__ = {};
// This entry need to be wrapped in an IIFE because it need to be in strict mode.
(() => {
"use strict";

// The runner's entry. CommonJS on purpose: for a .cjs entry ncc emits a CommonJS bundle, which Node compiles
// lazily and starts faster than an ES-module bundle of the same code (measured in bench/). The action itself is
// the ES-module TypeScript of action.ts and what it imports.
__nccwpck_require__(700)

})();

module.exports = __webpack_exports__;
/******/ })()
;