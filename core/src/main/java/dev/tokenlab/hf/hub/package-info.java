/**
 * The {@code hf:} name scheme: {@code hf:ORG/NAME[@REVISION]} becomes the folder in the local Hugging Face
 * cache that holds the model's {@code tokenizer.json} (and {@code tokenizer_config.json}), fetched from the
 * Hub first when it is not cached. Not public API: {@link dev.tokenlab.hf.hub.HubScheme} is registered as a
 * {@link dev.tokenlab.spi.ModelScheme} and reached through {@link dev.tokenlab.Tokenizers#open(String)}; reading
 * the files is the {@code tokenizer.json} format's job, elsewhere.
 *
 * <pre>{@code
 * Tokenizers.open("hf:Qwen/Qwen3-8B");          // main, cached or downloaded
 * Tokenizers.open("hf:Qwen/Qwen3-8B@v1.0");     // a branch or tag
 * Tokenizers.open("hf:Qwen/Qwen3-8B@<40 hex>"); // a commit
 * }</pre>
 *
 * <p>Why it shares huggingface_hub's cache and variables instead of keeping its own: the models people
 * tokenize are usually already on their machine, put there by Python tools; one copy, one token, one
 * offline switch for both. The layout ({@code HubCache}), the variables
 * ({@code HubEnvironment}) and the download rules ({@code HubDownloader})
 * follow {@code huggingface_hub}'s {@code constants.py} and {@code file_download.py}.
 *
 * <p>The JDK's {@code java.net.http.HttpClient} does the downloading, which is why core's module requires
 * {@code java.net.http}; nothing here uses anything but the JDK.
 */
package dev.tokenlab.hf.hub;
