import { ChannelSettings, ChannelSettingsBody, ChannelTestBody, ChannelTestResult, DeliveryLog, DeliveryLogQuery } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { auditedTransaction } from '../../db/transaction'
import { actorOf } from '../../lib/actor'
import { channelsService } from './channels'
import type { Transports } from './delivery'

/** 系统设置 → 消息通道 (`manageNotifications`): the channels, a test send, the delivery log. */
const routes: FastifyPluginAsyncZod<{ transports: Transports; publicUrl: string | null }> = async (app, opts) => {
  const channels = channelsService(app.db, auditedTransaction(app.db), opts.transports, { publicUrl: opts.publicUrl })

  app.get('/notifications/channels', { schema: { response: { 200: ChannelSettings } } }, async () => channels.current())

  app.put('/notifications/channels', { schema: { body: ChannelSettingsBody, response: { 200: ChannelSettings } } }, async (req) =>
    channels.update(actorOf(req), req.body),
  )

  app.post('/notifications/channels/test', { schema: { body: ChannelTestBody, response: { 200: ChannelTestResult } } }, async (req) =>
    channels.test(actorOf(req), req.body),
  )

  app.get('/notifications/deliveries', { schema: { querystring: DeliveryLogQuery, response: { 200: DeliveryLog } } }, async (req) => channels.log(req.query))
}
export default routes
