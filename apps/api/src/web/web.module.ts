import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Module, Res, type DynamicModule } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ServeStaticModule } from '@nestjs/serve-static';
import { Public } from '../auth/auth.decorators';
import type { ApiResponse } from '../common/http';
import { WEB_SECURITY_HEADERS, webAppDirectory } from './web-app-files';

/** The web app's own path: its client routes never meet the API's routes (/nominations/:id, …). */
export const WEB_APP_ROOT = '/app';

const NOT_BUILT_PAGE = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Laurel</title>
<p>Ứng dụng web chưa được dựng: chạy <code>make build</code>. / The web app is not built: run <code>make build</code>.</p></html>`;

@ApiExcludeController()
@Public()
@Controller()
class WebEntryController {
  /** `/` is where people type; the app lives under /app. */
  @Get()
  root(@Res() response: ApiResponse): void {
    response.writeHead(302, { Location: `${WEB_APP_ROOT}/` }).end();
  }
}

@ApiExcludeController()
@Public()
@Controller(WEB_APP_ROOT.slice(1))
class WebNotBuiltController {
  @Get(['', '{*path}'])
  notBuilt(@Res() response: ApiResponse): void {
    response
      .writeHead(503, {
        ...WEB_SECURITY_HEADERS,
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-cache',
      })
      .end(NOT_BUILT_PAGE);
  }
}

@Module({})
export class WebModule {
  static forRoot(configuredDirectory: string | undefined): DynamicModule {
    const rootPath = webAppDirectory(configuredDirectory);
    if (!existsSync(join(rootPath, 'index.html'))) {
      return { module: WebModule, controllers: [WebEntryController, WebNotBuiltController] };
    }
    return {
      module: WebModule,
      controllers: [WebEntryController],
      imports: [
        ServeStaticModule.forRoot({
          rootPath,
          serveRoot: WEB_APP_ROOT,
          // Any other path under /app (the loader prefixes serveRoot) is a client route: index.html answers it.
          renderPath: '/{*path}',
          serveStaticOptions: {
            index: ['index.html'],
            // Hashed asset names change with their content; index.html must always be fresh.
            setHeaders: (res: ApiResponse, path: string) => {
              for (const [name, value] of Object.entries(WEB_SECURITY_HEADERS)) res.setHeader(name, value);
              res.setHeader(
                'Cache-Control',
                path.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
              );
            },
          },
        }),
      ],
    };
  }
}
