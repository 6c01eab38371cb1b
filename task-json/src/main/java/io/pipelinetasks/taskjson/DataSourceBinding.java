package io.pipelinetasks.taskjson;

import java.util.Map;
import java.util.Optional;

/**
 * An entry of {@code dataSourceBindings}: how the web UI fills a pick list from a service call. The
 * agent ignores it.
 *
 * @param target the input the results fill
 * @param endpointId the endpoint to call, usually {@code $(inputName)}
 * @param dataSourceName a named data source of the endpoint type
 * @param parameters parameters of the data source
 * @param resultTemplate how each result becomes an option
 * @param endpointUrl a URL to call instead of a named data source
 * @param resultSelector a selector applied to the response
 * @param requestVerb the HTTP method, JSON key {@code RequestVerb}
 * @param requestContent the request body
 * @param callbackContextTemplate paging: the context for the next call
 * @param callbackRequiredTemplate paging: whether another call is needed
 * @param initialContextTemplate paging: the first context
 * @param extra members kept verbatim so writing reproduces the file (see {@link TaskDefinition})
 */
public record DataSourceBinding(
    Optional<String> target,
    Optional<String> endpointId,
    Optional<String> dataSourceName,
    Map<String, String> parameters,
    Optional<String> resultTemplate,
    Optional<String> endpointUrl,
    Optional<String> resultSelector,
    Optional<String> requestVerb,
    Optional<String> requestContent,
    Optional<String> callbackContextTemplate,
    Optional<String> callbackRequiredTemplate,
    Optional<String> initialContextTemplate,
    Map<String, String> extra) {
  /** Copies the collections and replaces nulls by empty values. */
  public DataSourceBinding {
    target = Copies.optional(target);
    endpointId = Copies.optional(endpointId);
    dataSourceName = Copies.optional(dataSourceName);
    parameters = Copies.map(parameters);
    resultTemplate = Copies.optional(resultTemplate);
    endpointUrl = Copies.optional(endpointUrl);
    resultSelector = Copies.optional(resultSelector);
    requestVerb = Copies.optional(requestVerb);
    requestContent = Copies.optional(requestContent);
    callbackContextTemplate = Copies.optional(callbackContextTemplate);
    callbackRequiredTemplate = Copies.optional(callbackRequiredTemplate);
    initialContextTemplate = Copies.optional(initialContextTemplate);
    extra = Copies.map(extra);
  }
}
