import { Module } from '@nestjs/common';
import { EventsGateway } from './events.gateway';

/** Socket.IO transport of domain events; SocketAuthenticator comes from the global AuthModule. */
@Module({ providers: [EventsGateway] })
export class GatewayModule {}
